import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { TagList } from '../components/item-list'
import { CommentsSection } from '../components/comments'
import { LocalTime } from '../components/local-time'
import { PostBody } from '../components/post-body'
import { FeaturedImage } from '../components/picture'
import { commentAction, loadComments } from '../features/comments/comment-route.server'
import { commentsJsonLd, itemImage, seo, siteFromMatches } from '../domain/seo'
import { postCard } from '../domain/social-card'
import { resolveChatEmbeds } from '../features/archive/embed.server'
import { getPostBySlug } from '../features/content/post.server'
import { previewFromRequest } from '../features/content/preview.server'
import { DraftBanner } from '../components/draft-banner'

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const post = await getPostBySlug(params.slug ?? '', previewFromRequest(request, context))
  if (!post) throw new Response('Not found', { status: 404 })
  const { bodyHtml, bodyBlocks, ...rest } = post
  const [body, comments] = await Promise.all([
    resolveChatEmbeds(bodyBlocks ?? [{ html: bodyHtml }]),
    // No one comments on a preview: the form would post to a page readers cannot see yet.
    loadComments(request, { list: 'post', id: post.id }, post.allowComments && !post.preview),
  ])
  return { post: rest, body, comments }
}

export async function action(args: ActionFunctionArgs) {
  const post = await getPostBySlug(args.params.slug ?? '')
  if (!post) throw new Response('Not found', { status: 404 })
  return commentAction(args, { list: 'post', id: post.id })
}

export default function PostRoute() {
  const { post, body, comments } = useLoaderData<typeof loader>()
  return (
    <article className="post">
      <DraftBanner preview={post.preview} />
      <header>
        <p className="item-label">{post.kind === 'recap' ? 'Chat recap' : 'Article'}</p>
        <h1>{post.title}</h1>
        <p className="meta">
          {post.author ? (
            <>
              By{' '}
              <Link to={`/authors/${post.author.slug}`}>
                <bdi>{post.author.name}</bdi>
              </Link>{' '}
              ·{' '}
            </>
          ) : null}
          {/* Empty only in the preview of a draft. */}
          {post.publishedAt ? <LocalTime iso={post.publishedAt} /> : 'Not published yet'}
        </p>
        {post.chatArchive ? (
          <p className="meta">
            Recap of the chat <Link to={`/archives/${post.chatArchive.slug}`}>{post.chatArchive.title}</Link>
          </p>
        ) : null}
      </header>
      <FeaturedImage featured={post.featuredImage} />
      <PostBody parts={body} />
      <footer>
        <TagList tags={post.tags} />
      </footer>
      <CommentsSection comments={comments} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  const site = siteFromMatches(matches)
  if (!data) return seo({ site, path: location.pathname, title: 'Not found' })
  const { post } = data
  const image = itemImage(site, { section: 'posts', ...post }, site => postCard(site, post))
  return seo({
    site,
    path: location.pathname,
    title: post.title,
    description: post.excerpt,
    type: 'article',
    publishedTime: post.publishedAt,
    author: post.author?.name,
    noindex: Boolean(post.preview),
    image,
    jsonLd: {
      '@type': 'BlogPosting',
      headline: post.title,
      description: post.excerpt,
      datePublished: post.publishedAt,
      image: image?.url,
      author: post.author ? { '@type': 'Person', name: post.author.name } : undefined,
      publisher: { '@type': 'Organization', name: site?.siteName },
      keywords: post.tags.map(tag => tag.name).join(', ') || undefined,
      ...commentsJsonLd(data.comments.items),
    },
  })
}
