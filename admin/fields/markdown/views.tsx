import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'

import { gql, useApolloClient } from '@keystone-6/core/admin-ui/apollo'
import { controller as textController } from '@keystone-6/core/fields/types/text/views'
import type { FieldControllerConfig, FieldProps } from '@keystone-6/core/types'
import { ActionButton } from '@keystar/ui/button'
import { DialogContainer } from '@keystar/ui/dialog'
import { VStack } from '@keystar/ui/layout'
import { Notice } from '@keystar/ui/notice'
import { Item, TabList, TabPanels, Tabs } from '@keystar/ui/tabs'
import { TextArea } from '@keystar/ui/text-field'
import { Text } from '@keystar/ui/typography'

import { applyFormatting, insertBlock, type Edit, type Formatting } from '../../../app/domain/markdown-editing'
import { InsertChatDialog } from './insert-chat'
import { CREATE_IMAGE, ImageAltDialog, imageMarkdown, looksLikeImageFile, uploadErrorMessage, type CreatedImage } from './insert-image'

// The Markdown fields' editor (app/schema/fields.ts `markdown()`): the text field's controller and
// value, a toolbar with shortcuts, "Insert chat", and a preview drawn by the server with the
// readers' own code (deskMarkdownPreview), which also names what a save would refuse. Images are
// uploaded from here (the Image… button, or a file dropped or pasted on the text) into the Image list.

type TextController = ReturnType<typeof textController>

export function controller(config: FieldControllerConfig<Parameters<typeof textController>[0]['fieldMeta']>): TextController & { listKey: string } {
  return { ...textController(config), listKey: config.listKey }
}

const PREVIEW = gql`
  query DeskMarkdownPreview($markdown: String!, $field: String) {
    deskMarkdownPreview(markdown: $markdown, field: $field) { html problems }
  }
`

type Tool = { formatting: Formatting; label: string; shortcut?: { key: string; label: string } }

const TOOLS: Tool[] = [
  { formatting: 'heading', label: 'Heading' },
  { formatting: 'bold', label: 'Bold', shortcut: { key: 'b', label: 'B' } },
  { formatting: 'italic', label: 'Italic', shortcut: { key: 'i', label: 'I' } },
  { formatting: 'link', label: 'Link', shortcut: { key: 'k', label: 'K' } },
  { formatting: 'bulletedList', label: 'Bulleted list' },
  { formatting: 'numberedList', label: 'Numbered list' },
  { formatting: 'quote', label: 'Quote' },
]

/** Waits this long after the last keystroke before asking the server: a preview per pause, not per key. */
const PREVIEW_DELAY_MS = 400

type Preview = { markdown: string; html: string; problems: string[] } | { markdown: string; error: string }

function usePreview(markdown: string, field: string): Preview | null {
  const client = useApolloClient()
  const [preview, setPreview] = useState<Preview | null>(null)
  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      client
        .query<{ deskMarkdownPreview: { html: string; problems: string[] } }>({ query: PREVIEW, variables: { markdown, field }, fetchPolicy: 'no-cache' })
        .then(
          ({ data }) => current && data && setPreview({ markdown, ...data.deskMarkdownPreview }),
          (error: Error) => current && setPreview({ markdown, error: error.message })
        )
    }, PREVIEW_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [client, markdown, field])
  return preview
}

/** Arrow keys move between a toolbar's buttons, as WAI-ARIA's toolbar pattern has them. */
function moveFocusInToolbar(event: ReactKeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')]
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
  if (index === -1) return
  event.preventDefault()
  buttons[(index + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length].focus()
}

type Selection = { start: number; end: number }
type UploadState = { kind: 'uploading' | 'inserted'; fileName: string } | { kind: 'refused'; fileName: string; message: string }

export function Field({ field, value, onChange, autoFocus, forceValidation }: FieldProps<typeof controller>) {
  const client = useApolloClient()
  const text = value.inner.kind === 'value' ? value.inner.value : value.inner.prev
  const isReadOnly = onChange == null
  const textarea = useRef<HTMLTextAreaElement>(null)
  const toolbar = useRef<HTMLDivElement>(null)
  const pendingSelection = useRef<{ start: number; end: number } | null>(null)
  const selectionBeforeDialog = useRef<{ start: number; end: number }>({ start: text.length, end: text.length })
  const [tab, setTab] = useState<'write' | 'preview'>('write')
  const [dialogOpen, setDialogOpen] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const [imageToDescribe, setImageToDescribe] = useState<{ file: File; at: Selection } | null>(null)
  const [upload, setUpload] = useState<UploadState | null>(null)
  const preview = usePreview(text, `${field.listKey}.${field.fieldKey}`)

  // Keystar's buttons pass no title or aria-keyshortcuts through; the shortcuts are documented on the DOM node.
  useEffect(() => {
    for (const button of toolbar.current?.querySelectorAll<HTMLButtonElement>('button[data-shortcut]') ?? []) {
      const key = button.dataset.shortcut ?? ''
      button.setAttribute('aria-keyshortcuts', `Control+${key} Meta+${key}`)
      button.title = `${button.getAttribute('aria-label')} (Ctrl+${key} or ⌘${key})`
    }
  })

  // A toolbar edit changes the value; the selection it computed is applied once React has drawn it.
  useLayoutEffect(() => {
    const selection = pendingSelection.current
    const element = textarea.current
    if (!selection || !element) return
    pendingSelection.current = null
    element.focus()
    element.setSelectionRange(selection.start, selection.end)
  })

  // An upload ends renders later than it started: it edits the value as it is then, not as it was.
  const latest = useRef({ text, value })
  latest.current = { text, value }

  function change(next: string) {
    onChange?.({ ...latest.current.value, inner: { kind: 'value', value: next } })
  }

  function apply(edit: (current: Edit) => Edit, from = { start: textarea.current?.selectionStart ?? text.length, end: textarea.current?.selectionEnd ?? text.length }) {
    if (isReadOnly) return
    const current = latest.current.text
    const result = edit({ text: current, start: Math.min(from.start, current.length), end: Math.min(from.end, current.length) })
    pendingSelection.current = { start: result.start, end: result.end }
    change(result.text)
  }

  const currentSelection = (): Selection => ({ start: textarea.current?.selectionStart ?? text.length, end: textarea.current?.selectionEnd ?? text.length })

  function describe(file: File, at = currentSelection()) {
    setUpload(null)
    setImageToDescribe({ file, at })
  }

  async function uploadImage(file: File, alt: string, at: Selection) {
    setUpload({ kind: 'uploading', fileName: file.name })
    try {
      const { data } = await client.mutate<CreatedImage>({ mutation: CREATE_IMAGE, variables: { alt, upload: file }, fetchPolicy: 'no-cache' })
      if (!data) throw new Error('The server did not answer.')
      const line = imageMarkdown(alt, data)
      setTab('write')
      apply(edit => insertBlock(edit, line), at)
      setUpload({ kind: 'inserted', fileName: file.name })
    } catch (error) {
      setUpload({ kind: 'refused', fileName: file.name, message: uploadErrorMessage(error) })
    }
  }

  // A file dropped or pasted on the text is an image to upload; dropped, the browser would open it instead.
  useEffect(() => {
    const element = textarea.current
    if (!element || isReadOnly) return
    const hasFiles = (transfer: DataTransfer | null) => Boolean(transfer && [...transfer.types].includes('Files'))
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0]
      if (!file) return
      event.preventDefault()
      describe(file)
    }
    const onPaste = (event: ClipboardEvent) => {
      const file = [...(event.clipboardData?.files ?? [])].find(looksLikeImageFile)
      if (!file) return
      event.preventDefault()
      describe(file)
    }
    element.addEventListener('dragover', onDragOver)
    element.addEventListener('drop', onDrop)
    element.addEventListener('paste', onPaste)
    return () => {
      element.removeEventListener('dragover', onDragOver)
      element.removeEventListener('drop', onDrop)
      element.removeEventListener('paste', onPaste)
    }
  })

  function onKeyDown(event: KeyboardEvent) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
    const tool = TOOLS.find(candidate => candidate.shortcut?.key === event.key.toLowerCase())
    if (!tool) return
    event.preventDefault()
    apply(edit => applyFormatting(edit, tool.formatting))
  }

  // React Aria's text field swallows key events it does not handle; listen on the element itself.
  useEffect(() => {
    const element = textarea.current
    element?.addEventListener('keydown', onKeyDown)
    return () => element?.removeEventListener('keydown', onKeyDown)
  })

  const problems = preview && 'problems' in preview ? preview.problems : []
  const validationMessages = field.validation.length.min && !text ? [`${field.label} must not be empty`] : []

  return (
    <div data-markdown-editor={field.fieldKey}>
    <VStack gap="regular">
      <Tabs aria-label="Write or preview" selectedKey={tab} onSelectionChange={key => setTab(key === 'preview' ? 'preview' : 'write')} prominence="low">
        <TabList>
          <Item key="write">Write</Item>
          <Item key="preview">Preview</Item>
        </TabList>
        <TabPanels>
          <Item key="write">
            <VStack gap="regular" paddingTop="regular">
              {isReadOnly ? null : (
                  <div ref={toolbar} role="toolbar" aria-label="Formatting" aria-controls={textarea.current?.id} onKeyDown={moveFocusInToolbar} style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                    {TOOLS.map(tool => (
                      <ActionButton
                        key={tool.formatting}
                        aria-label={tool.label}
                        data-shortcut={tool.shortcut?.label}
                        prominence="low"
                        onPress={() => apply(edit => applyFormatting(edit, tool.formatting))}
                      >
                        <Text>{tool.label}</Text>
                      </ActionButton>
                    ))}
                    <ActionButton
                      onPress={() => {
                        selectionBeforeDialog.current = { start: textarea.current?.selectionStart ?? text.length, end: textarea.current?.selectionEnd ?? text.length }
                        setDialogOpen(true)
                      }}
                    >
                      <Text>Insert chat…</Text>
                    </ActionButton>
                    <ActionButton
                      onPress={() => {
                        selectionBeforeDialog.current = currentSelection()
                        fileInput.current?.click()
                      }}
                    >
                      <Text>Image…</Text>
                    </ActionButton>
                    <input
                      ref={fileInput}
                      type="file"
                      accept="image/jpeg,image/png,image/webp,image/gif"
                      hidden
                      tabIndex={-1}
                      aria-hidden="true"
                      onChange={event => {
                        const file = event.currentTarget.files?.[0]
                        event.currentTarget.value = ''
                        if (file) describe(file, selectionBeforeDialog.current)
                      }}
                    />
                  </div>
              )}
              <TextArea
                ref={textarea}
                autoFocus={autoFocus}
                label={field.label}
                description={field.description}
                isReadOnly={isReadOnly}
                value={text}
                onChange={change}
                errorMessage={forceValidation && validationMessages.length ? validationMessages.join('. ') : undefined}
                height="scale.3400"
              />
            </VStack>
          </Item>
          <Item key="preview">
            <VStack gap="regular" paddingTop="regular">
              {preview === null || preview.markdown !== text ? (
                <Text role="status">Drawing the preview…</Text>
              ) : 'error' in preview ? (
                <Notice tone="critical">The preview could not be drawn: {preview.error}</Notice>
              ) : (
                <>
                  {/* The desk has none of the site's styles; an image as wide as its file would overflow the form. */}
                  <style>{'.desk-markdown-preview img { max-width: 100%; height: auto; }'}</style>
                  <section aria-label="Preview, as readers will see it" className="desk-markdown-preview" dangerouslySetInnerHTML={{ __html: preview.html }} />
                </>
              )}
            </VStack>
          </Item>
        </TabPanels>
      </Tabs>
      <div role="status" aria-live="polite" data-image-upload-status>
        {upload?.kind === 'uploading' ? <Text>{`Uploading “${upload.fileName}”…`}</Text> : null}
        {upload?.kind === 'inserted' ? <Text>{`“${upload.fileName}” is uploaded and inserted.`}</Text> : null}
      </div>
      {/* Keystar's critical Notice is a role="alert": read out as it appears. */}
      {upload?.kind === 'refused' ? (
        <Notice tone="critical">
          <Text>{`The image was not uploaded, and nothing was inserted. ${upload.message}`}</Text>
        </Notice>
      ) : null}
      {problems.length ? (
        <Notice tone="critical">
          <Text>
            {`${field.label} cannot be saved yet: ${problems.join(' ')}`}
          </Text>
        </Notice>
      ) : null}
      <DialogContainer onDismiss={() => setDialogOpen(false)}>
        {dialogOpen ? (
          <InsertChatDialog
            onCancel={() => setDialogOpen(false)}
            onInsert={line => {
              setDialogOpen(false)
              setTab('write')
              apply(edit => insertBlock(edit, line), selectionBeforeDialog.current)
            }}
          />
        ) : null}
      </DialogContainer>
      <DialogContainer
        onDismiss={() => {
          setImageToDescribe(null)
          textarea.current?.focus()
        }}
      >
        {imageToDescribe ? (
          <ImageAltDialog
            file={imageToDescribe.file}
            onCancel={() => {
              setImageToDescribe(null)
              textarea.current?.focus()
            }}
            onUpload={alt => {
              const { file, at } = imageToDescribe
              setImageToDescribe(null)
              void uploadImage(file, alt, at)
            }}
          />
        ) : null}
      </DialogContainer>
    </VStack>
    </div>
  )
}
