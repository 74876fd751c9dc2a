import { useEffect, useRef, useState, type FormEvent } from 'react'

import { gql } from '@keystone-6/core/admin-ui/apollo'
import { Button, ButtonGroup } from '@keystar/ui/button'
import { Dialog } from '@keystar/ui/dialog'
import { Content } from '@keystar/ui/slots'
import { TextField } from '@keystar/ui/text-field'
import { Heading } from '@keystar/ui/typography'

import { fullSizeUrl, isImageExtension } from '../../../app/domain/images'

// "Image…", a dropped or a pasted image file: the editor describes it, then it is uploaded as an
// item of the Image list through Keystone's own GraphQL and image() field (the Admin UI's Apollo
// client sends the file as a multipart request), and the body gets ![alt](/images/<id>/full.<ext>).

export const CREATE_IMAGE = gql`
  mutation DeskCreateImage($alt: String!, $upload: Upload!) {
    createImage(data: { alt: $alt, file: { upload: $upload } }) {
      id
      file { id extension }
    }
  }
`

export type CreatedImage = { createImage: { id: string; file: { id: string; extension: string } | null } | null }

/** Brackets and backslashes would end the alt text early in Markdown. */
const escapeAlt = (alt: string) => alt.replace(/[\\[\]]/g, character => `\\${character}`)

export function imageMarkdown(alt: string, created: CreatedImage): string {
  const file = created.createImage?.file
  if (!file || !isImageExtension(file.extension)) throw new Error('The server kept no file for the image.')
  return `![${escapeAlt(alt)}](${fullSizeUrl({ id: file.id, extension: file.extension })})`
}

/**
 * Keystone wraps what a field refuses as "An error occurred while resolving input fields." and
 * one "- List.field: message" line per field; the editor needs only the messages, which name the file.
 */
export function uploadErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const lines = [...message.matchAll(/^\s*- [A-Za-z]+\.[A-Za-z]+: (.+)$/gm)].map(match => match[1])
  return lines.length ? lines.join(' ') : message
}

/** A file the browser says is an image or that is named like one; the server checks the bytes either way. */
export function looksLikeImageFile(file: File) {
  return file.type.startsWith('image/') || /\.(jpe?g|png|webp|gif|svg|avif|heic)$/i.test(file.name)
}

export function ImageAltDialog({ file, onUpload, onCancel }: { file: File; onUpload(alt: string): void; onCancel(): void }) {
  const [alt, setAlt] = useState('')
  const [tried, setTried] = useState(false)
  const missing = !alt.trim()
  const field = useRef<HTMLInputElement>(null)

  // Opened as the file chooser closes, the dialog loses the focus to the page, which gives it back
  // to the Image… button: it is taken back into the field, where the editor types next.
  useEffect(() => {
    const focusField = () => field.current?.focus()
    const timer = setTimeout(focusField)
    window.addEventListener('focus', focusField, { once: true })
    return () => {
      clearTimeout(timer)
      window.removeEventListener('focus', focusField)
    }
  }, [])

  function submit(event?: FormEvent) {
    event?.preventDefault()
    setTried(true)
    if (!missing) onUpload(alt.trim())
  }

  return (
    <Dialog size="medium">
      <Heading>Describe the image</Heading>
      <Content>
        {/* One text field in a form: Enter submits it, as in any form. */}
        <form id="desk-image-alt" onSubmit={submit}>
          <TextField
            ref={field}
            label="Alt text"
            description={`What “${file.name}” shows, for people who cannot see it: read aloud by screen readers, shown if it fails to load. Not its file name.`}
            value={alt}
            onChange={setAlt}
            autoFocus
            isRequired
            maxLength={500}
            errorMessage={tried && missing ? 'Alt text is required: describe what the image shows before it is uploaded.' : undefined}
          />
        </form>
      </Content>
      <ButtonGroup>
        <Button onPress={onCancel}>Cancel</Button>
        <Button prominence="high" onPress={() => submit()}>
          Upload and insert
        </Button>
      </ButtonGroup>
    </Dialog>
  )
}
