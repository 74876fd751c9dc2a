import type { PreviewState } from '../domain/publishing'
import { LocalTime } from './local-time'

/** On a preview page only: says plainly that readers cannot see this yet. */
export function DraftBanner({ preview }: { preview: PreviewState | null }) {
  if (!preview) return null
  return (
    <div className="draft-banner" role="status">
      {preview.state === 'draft' ? (
        <strong>Draft — only the team can see this</strong>
      ) : preview.state === 'scheduled' ? (
        <strong>
          Scheduled for <LocalTime iso={preview.publishedAt} withTime /> — only the team can see this until then
        </strong>
      ) : (
        <strong>Preview of the saved version — this item is published</strong>
      )}
    </div>
  )
}
