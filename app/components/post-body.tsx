import type { BodyPart } from '../features/archive/embed.server'
import { ChatEmbed } from './chat'

/**
 * A body as readers see it, drawn by the post page and by the editor's preview alike. The HTML was
 * rendered and sanitized once, when saved (app/domain/markdown.server.ts); chat embeds between its
 * parts are React elements, so archived text is never parsed as HTML.
 */
export function PostBody({ parts }: { parts: BodyPart[] }) {
  return (
    <div className="prose">
      {parts.map((part, index) =>
        'html' in part ? <div key={index} dangerouslySetInnerHTML={{ __html: part.html }} /> : <ChatEmbed key={index} embed={part.embed} />
      )}
    </div>
  )
}
