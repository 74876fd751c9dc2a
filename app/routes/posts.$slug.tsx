import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { formatDate } from '../lib/format'
import { getPostBySlug } from '../models/content.server'
import { getSiteSettings } from '../models/site.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const [post, settings] = await Promise.all([getPostBySlug(params.slug ?? ''), getSiteSettings()])
  if (!post) throw new Response('Not found', { status: 404 })
  return { post, siteName: settings.siteName, timeZone: settings.chatTimeZone }
}

export default function PostRoute() {
  const { post, timeZone } = useLoaderData<typeof loader>()
  return (
    <article className="post">
      <header>
        <p className="item-label">{post.kind === 'recap' ? 'Chat recap' : 'Article'}</p>
        <h1>{post.title}</h1>
        <p className="meta">
          {post.author ? <>By {post.author.name} · </> : null}
          <time dateTime={post.publishedAt}>{formatDate(post.publishedAt, timeZone)}</time>
        </p>
      </header>
      {/* Rendered and sanitized once when saved: see app/lib/markdown.server.ts. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      {post.tags.length > 0 ? (
        <footer>
          <p className="tags">
            Tags:{' '}
            {post.tags.map(tag => (
              <span key={tag.slug} className="tag">
                {tag.name}
              </span>
            ))}
          </p>
        </footer>
      ) : null}
      <p>
        <Link to="/">← All posts</Link>
      </p>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.post.title} · ${data.siteName}` }, { name: 'description', content: data.post.excerpt }]
    : [{ title: 'Not found' }]
