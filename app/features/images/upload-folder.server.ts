import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// graphql-upload writes each upload to a temporary file (fs-capacitor, in os.tmpdir()) and removes
// it when the request ends or the process exits; a process killed with SIGKILL does neither, and
// the files stay (19 after a run of kills, issue #25). Each server process therefore keeps its
// uploads in a folder of its own, named with its pid, and at start removes the folders of
// processes that are gone. Other programs' files in the temporary folder are never touched.
// Sharp edge: this points TMPDIR, and so os.tmpdir(), at that folder for the whole process.

const FOLDER = /^tweetchat-uploads-(\d+)$/

function isRunning(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes the upload folders of processes that have stopped, makes this one's, and sends uploads there; how many files were left behind. */
export async function useUploadFolderOfOurOwn(): Promise<number> {
  const base = os.tmpdir()
  let leftBehind = 0
  for (const entry of await fs.promises.readdir(base)) {
    const pid = Number(FOLDER.exec(entry)?.[1])
    // A folder with this process's pid is a previous process's, whose pid has come round again.
    if (!pid || (pid !== process.pid && isRunning(pid))) continue
    const folder = path.join(base, entry)
    leftBehind += (await fs.promises.readdir(folder).catch(() => [])).length
    await fs.promises.rm(folder, { recursive: true, force: true })
  }
  const own = path.join(base, `tweetchat-uploads-${process.pid}`)
  await fs.promises.mkdir(own, { recursive: true, mode: 0o700 })
  process.env.TMPDIR = own
  return leftBehind
}
