import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import { createAuth } from '@keystone-6/auth'
import { config } from '@keystone-6/core'
import { statelessSessions } from '@keystone-6/core/session'

import { replacedKeystonePages } from './admin/replaced-pages'
import { CHAT_IMPORT_PATH, chatImportRoute } from './app/features/chat-import/upload.server'
import { MAX_IMAGE_BYTES } from './app/features/images/processing.server'
import { reportImageRepair, settleImagesLeftByACrash } from './app/features/images/repair.server'
import { useUploadFolderOfOurOwn } from './app/features/images/upload-folder.server'
import { nextScheduledPublication } from './app/features/content/scheduled.server'
import { followOtherProcesses, followScheduledChanges } from './app/server/content-changes.server'
import { BUILD_ARTIFACTS, driverAdapter } from './app/server/database.server'
import { env } from './app/server/env.server'
import { prepareSite, reportFirstRun } from './app/server/first-run.server'
import type { Context } from './app/server/keystone.server'
import { provideKeystoneContext } from './app/server/shared-context.server'
import { closeGracefullyOnSignal } from './app/server/lifecycle.server'
import { answerCacheHitsFirst, mountPublicSite } from './app/server/public-site.server'
import { extendGraphqlSchema } from './app/schema/desk-api'
import { lists, type Session } from './schema'
import type { TypeInfo } from './generated/keystone/types'

const { withAuth } = createAuth({
  listKey: 'User',
  identityField: 'email',
  secretField: 'password',
  // Read from the user's record on every request (the cookie holds only the id), so a changed
  // role takes effect at once.
  sessionData: 'name role',
})

/**
 * Images and upload files a process killed mid-upload left behind (issue #25). A failure is
 * reported, not fatal: an unreachable bucket should not keep the site from opening.
 */
async function settleWhatACrashLeft(context: Context) {
  try {
    const leftBehind = await useUploadFolderOfOurOwn()
    if (leftBehind) console.log(`› Removed ${leftBehind} upload file(s) a stopped server left in the temporary folder`)
    reportImageRepair(await settleImagesLeftByACrash(context))
  } catch (error) {
    console.error('Could not check for images left by an interrupted run:', error)
  }
}

export default withAuth<TypeInfo<Session>>(
  config<TypeInfo<Session>>({
    db: {
      // Prisma's schema and client are per provider (app/server/database.server.ts): a build is for
      // the database DATABASE_URL names, SQLite by default.
      provider: env.database.provider,
      prismaSchemaPath: BUILD_ARTIFACTS[env.database.provider].prismaSchema,
      prismaClientPath: BUILD_ARTIFACTS[env.database.provider].prismaClient,
      prismaClientOptions: () => ({
        adapter: driverAdapter(env.database),
        // Tests count the queries a page makes (tests/integration/query-count.test.ts).
        ...(env.NODE_ENV === 'test' ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
      }),
      // Runs in `keystone start` once the database is reachable, before the port opens.
      onConnect: async context => {
        await settleWhatACrashLeft(context)
        reportFirstRun(await prepareSite(context, env))
      },
    },
    lists,
    server: {
      port: env.PORT,
      // Images are checked against their own limit, with a message naming the file (app/features/images);
      // this cuts off anything far beyond it before it is buffered.
      maxFileSize: MAX_IMAGE_BYTES + 1024 * 1024,
      // Keystone owns /admin and /api/graphql; everything else is the Remix site, on the same origin.
      extendExpressApp: async (app, context) => {
        provideKeystoneContext(context)
        await followOtherProcesses(env.database)
        await followScheduledChanges(() => nextScheduledPublication())
        // The desk's upload of exported chats (admin/pages/import-chat-file.tsx), editors only.
        app.post(CHAT_IMPORT_PATH, ...chatImportRoute(context))
        await mountPublicSite(app, context)
      },
      extendHttpServer: (httpServer, context) => {
        answerCacheHitsFirst(httpServer)
        closeGracefullyOnSignal(httpServer, context)
        httpServer.once('listening', () => {
          console.log(`\n  Public site:  ${env.publicUrl}/`)
          console.log(`  Admin UI:     ${env.publicUrl}/admin (sign in at ${env.publicUrl}/admin/signin)`)
          console.log(`  GraphQL API:  ${env.publicUrl}/api/graphql\n`)
        })
      },
    },
    types: { path: BUILD_ARTIFACTS[env.database.provider].types },
    graphql: {
      extendGraphqlSchema,
      schemaPath: BUILD_ARTIFACTS[env.database.provider].graphqlSchema,
      playground: env.NODE_ENV !== 'production',
      // Off in production: no stack traces or exception details in error responses.
      debug: env.NODE_ENV !== 'production',
      // A long post saved from the Admin UI fits; a 5 MB body is refused with 413 before parsing.
      bodyParser: { limit: '1mb' },
      apolloConfig: {
        // Each relationship level is a database round trip per item: a query fifty levels deep
        // (post → author → posts → …) keeps the server busy for minutes. The Admin UI's deepest
        // query is about six levels; introspection is not counted. Reported as a validation error
        // (400): thrown, as the rule does by default, Apollo would answer 500.
        validationRules: [maxDepthRule({ n: 12, propagateOnRejection: false, onReject: [(context, error) => context?.reportError(error)] })],
      },
    },
    ui: {
      basePath: '/admin',
      isAccessAllowed: ({ session }) => Boolean(session),
      // The desk's landing page ("This week") and document; its navigation is in admin/config.tsx.
      getAdditionalFiles: () => replacedKeystonePages,
    },
    session: statelessSessions({
      secret: env.sessionSecret,
      maxAge: env.SESSION_MAX_AGE_DAYS * 24 * 60 * 60,
      secure: env.publicUrl.startsWith('https://'),
      sameSite: 'lax',
    }),
    telemetry: false,
  })
)
