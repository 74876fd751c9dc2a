import { fork, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

import { ImageRejected, type InspectedImage, type Variant } from './processing.server'

// Image work (decoding, resizing, encoding) runs in a few child processes of its own, one upload
// at a time each, queued in the order they came. Not in the server process: sharp runs each
// pipeline on libuv's thread pool (four threads, per process, shared with worker_threads), which
// also reads every file the site serves. Three uploads of 14 variants each filled it, and a 240 px
// WebP waited 15 s behind them (issue #25). A child has its own thread pool and its own memory (a
// 50-megapixel decode stays out of the server's heap). Each child uses one core (libvips runs one
// thread there, image-worker.server.ts) and there are cores − 1 of them, so the server always has a
// core that no upload touches. Not a lower CPU priority: on a machine kept busy by something else,
// a niced child got a tenth of a core and an editor's photo took minutes (seen with the other core
// loaded by stress-ng: an upload the suite waits 30 s for did not arrive).

/** The worker is TypeScript run by tsx, like the site's scripts: the server itself is a bundle (.keystone/config.js), which has no file for a child to start. */
const WORKER_ENTRY = path.join('app', 'features', 'images', 'image-worker.server.ts')

type Processed = { inspected: InspectedImage; variants: Variant[] }
type Answer = { job: number; pid: number } & ({ inspected: InspectedImage; variants: Variant[] } | { rejected: boolean; message: string })
type Job = { job: number; bytes: Buffer; fileName: string; resolve(value: Processed & { pid: number }): void; reject(error: Error): void }
type Worker = { child: ChildProcess; ready: Promise<void>; job?: Job }

export type ImagePoolStats = {
  /** Jobs answered (made or refused). */
  done: number
  /** The most jobs that were running at one moment: never more than the pool's size. */
  mostAtOnce: number
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export class ImagePool {
  readonly size: number
  private readonly workers: Worker[] = []
  private readonly queue: Job[] = []
  private nextJob = 1
  private running = 0
  private readonly counts: ImagePoolStats = { done: 0, mostAtOnce: 0 }

  constructor({ size = Math.max(1, os.availableParallelism() - 1), root = process.env.APP_ROOT ?? process.cwd() }: { size?: number; root?: string } = {}) {
    this.size = size
    this.root = root
  }
  private readonly root: string

  /** Checks an upload and makes its variants in a child process; an ImageRejected names the file and the problem. */
  process(bytes: Buffer, fileName: string): Promise<Processed & { pid: number }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: this.nextJob++, bytes, fileName, resolve, reject })
      this.dispatch()
    })
  }

  stats(): ImagePoolStats {
    return { ...this.counts }
  }

  /** The children running now. */
  processIds(): number[] {
    return this.workers.flatMap(worker => (worker.child.pid ? [worker.child.pid] : []))
  }

  /** Stops the children (tests, and scripts that want to exit at once rather than when idle). */
  close() {
    for (const worker of this.workers.splice(0)) worker.child.kill()
  }

  private dispatch() {
    while (this.queue.length) {
      let worker = this.workers.find(candidate => !candidate.job)
      if (!worker && this.workers.length < this.size) worker = this.spawn()
      if (!worker) return
      this.start(worker, this.queue.shift()!)
    }
  }

  private spawn(): Worker {
    const child = fork(path.join(this.root, WORKER_ENTRY), [], {
      cwd: this.root,
      // Not the parent's flags (the test runner's --test, a debugger's port): tsx's loader only.
      execArgv: ['--import', 'tsx'],
      // Buffers go across as bytes, not as JSON arrays of numbers.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve())
      child.once('error', reject)
      child.once('exit', () => reject(new Error('The image process stopped before it was ready.')))
    })
    ready.catch(() => {})
    const worker: Worker = { child, ready }
    child.on('message', (answer: Answer | { ready: true }) => {
      if ('job' in answer && worker.job?.job === answer.job) this.finish(worker, answer)
    })
    const lost = (reason: string) => {
      this.workers.splice(this.workers.indexOf(worker), 1)
      const job = worker.job
      worker.job = undefined
      if (job) {
        this.running--
        this.counts.done++
        job.reject(new ImageRejected(`“${job.fileName}” could not be made into an image here (${reason}). Try again; if it happens again, export it smaller.`))
      }
      this.dispatch()
    }
    child.once('error', error => lost(`the image process could not run: ${error.message}`))
    child.once('exit', (code, signal) => {
      if (this.workers.includes(worker)) lost(`the image process stopped: ${signal ?? `exit code ${code}`}`)
    })
    this.workers.push(worker)
    this.idle(worker)
    return worker
  }

  private start(worker: Worker, job: Job) {
    worker.job = job
    this.running++
    this.counts.mostAtOnce = Math.max(this.counts.mostAtOnce, this.running)
    // Busy, the child keeps this process alive until its answer comes (a script waiting on it).
    worker.child.ref()
    worker.child.channel?.ref()
    void worker.ready.then(
      () => worker.job === job && worker.child.send({ job: job.job, bytes: job.bytes, fileName: job.fileName }),
      () => {}
    )
  }

  private finish(worker: Worker, answer: Answer) {
    const job = worker.job!
    worker.job = undefined
    this.running--
    this.counts.done++
    if ('variants' in answer) {
      job.resolve({ inspected: answer.inspected, variants: answer.variants.map(variant => ({ ...variant, body: asBuffer(variant.body) })), pid: answer.pid })
    } else {
      job.reject(answer.rejected ? new ImageRejected(answer.message) : new Error(answer.message))
    }
    this.idle(worker)
    this.dispatch()
  }

  /** Idle, a child does not keep a script from exiting; it exits with it. */
  private idle(worker: Worker) {
    worker.child.unref()
    worker.child.channel?.unref()
  }
}

let shared: ImagePool | undefined

/** The process's pool, started on first use. */
export function imagePool(): ImagePool {
  shared ??= new ImagePool()
  return shared
}
