import express from 'express'
import { z } from 'zod'

import { permissions } from '../../schema/access'
import type { Context } from '../../server/keystone.server'
import { importChat, importFilesIntoArchive } from './import.server'
import { describeLeftOut, ImportFileError } from './sources.server'
import { ChatImportRefused, type ImportSummary } from './store.server'
import { HASHTAG_EXAMPLE, HASHTAG_PATTERN } from '../../domain/hashtag'

// The desk's upload of an X account export (tweets.js with account.js) or saved API pages: the
// files' text arrives as JSON and goes through the same importer as `npm run import` with files.
//
// A route of its own rather than a GraphQL mutation: an account's tweets.js holds every post the
// account ever made and passes GraphQL's 1 MB body limit after a few thousand posts. Raising that
// limit would let anyone make the server read large bodies; here the session is checked before
// the body is read, so only an editor's upload is ever buffered.

export const CHAT_IMPORT_PATH = '/admin-api/chat-import'
const MAX_UPLOAD = '25mb'

const IsoDate = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${field} must be a date and time with a zone, e.g. 2026-11-23T12:00:00Z`,
    })
    .transform(value => new Date(value))

const ChatUploadSchema = z.object({
  archive: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('existing'),
      id: z.string({ error: 'Archive: choose an archive' }).min(1, 'Archive: choose an archive'),
    }),
    z
      .object({
        kind: z.literal('new'),
        hashtag: z.string().regex(HASHTAG_PATTERN, `Hashtag must be one hashtag, e.g. ${HASHTAG_EXAMPLE}`),
        start: IsoDate('Chat window start'),
        end: IsoDate('Chat window end'),
        title: z.string().trim().max(200, 'Title is at most 200 characters').optional(),
      })
      .refine(archive => archive.start < archive.end, {
        error: 'Chat window end must be after its start',
        path: ['end'],
      }),
  ]),
  files: z
    .array(z.object({ name: z.string().min(1).max(300), content: z.string() }), { error: 'Files: choose at least one file' })
    .min(1, 'Files: choose at least one file')
    .max(20, 'Files: at most 20 files at once'),
})

/** What the desk shows after an import: the CLI's summary, as data. */
function describeSummary(summary: ImportSummary) {
  return {
    archiveId: summary.archiveId,
    slug: summary.slug,
    posts: summary.stats.posts,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    contributors: summary.stats.contributors,
    newContributors: summary.stats.newContributors,
    questions: summary.questions,
    problems: summary.problems.map(problem => [problem.detail, problem.resourceId].filter(Boolean).join(': ')),
    leftOut: summary.leftOut.map(group => describeLeftOut(group, summary.hashtag)),
  }
}

const sendError = (res: express.Response, status: number, error: string) => res.status(status).json({ error })

export function chatImportRoute(context: Context): (express.RequestHandler | express.ErrorRequestHandler)[] {
  const requireEditor: express.RequestHandler = async (req, res, next) => {
    try {
      const { session } = await context.withRequest(req, res)
      if (!session) return void sendError(res, 401, 'Sign in to import a chat.')
      if (!permissions.isEditor({ session })) return void sendError(res, 403, 'Only editors and administrators may import chats.')
      // Forms cannot send JSON across sites without a preflight we never answer: no CSRF token needed.
      if (!req.is('application/json')) return void sendError(res, 415, 'Send the upload as application/json.')
      next()
    } catch (error) {
      next(error)
    }
  }
  const importUpload: express.RequestHandler = async (req, res) => {
    const parsed = ChatUploadSchema.safeParse(req.body)
    if (!parsed.success) return void sendError(res, 400, parsed.error.issues.map(issue => issue.message).join('\n'))
    const { archive, files } = parsed.data
    try {
      const sudo = context.sudo()
      const summary =
        archive.kind === 'existing'
          ? await importFilesIntoArchive(sudo, archive.id, files)
          : await importChat(sudo, {
              hashtag: archive.hashtag,
              start: archive.start,
              end: archive.end,
              title: archive.title || undefined,
              files,
            })
      res.json({ summary: describeSummary(summary) })
    } catch (error) {
      if (error instanceof ImportFileError || error instanceof ChatImportRefused) return void sendError(res, 400, error.message)
      console.error('Chat upload failed:', error)
      sendError(res, 500, 'The import failed and nothing was written. The server log has the details.')
    }
  }
  // express.json's own refusals (too large, not JSON) as the desk reads them.
  const answerBodyErrors: express.ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error)
    const status = typeof error?.status === 'number' ? error.status : 500
    if (status === 413) return sendError(res, 413, `The upload is larger than ${MAX_UPLOAD}: import a smaller part of the export.`)
    if (status < 500) return sendError(res, status, `The upload could not be read: ${error.message}`)
    console.error('Chat upload failed:', error)
    sendError(res, 500, 'The import failed and nothing was written. The server log has the details.')
  }
  return [requireEditor, express.json({ limit: MAX_UPLOAD }), importUpload, answerBodyErrors]
}
