import { randomBytes } from 'node:crypto'

import { seedDemoContent } from '../features/demo/demo-content.server'
import type { Env } from './env.server'
import type { Context } from './keystone.server'
import { renderBodiesSavedBeforeBlocks } from '../features/content/post.server'

// What a fresh database needs before the server opens: demo content (first run only) and an
// administrator to sign in with.

export type FirstRunReport = {
  seeded: boolean
  /** Posts whose body was stored in an earlier format and has been rendered again. */
  rerendered: number
  admin: { email: string; generatedPassword?: string } | null
}

export async function prepareSite(context: Context, env: Env): Promise<FirstRunReport> {
  const db = context.sudo().db
  // Settings are created with the demo content, so their absence marks a database never started.
  const fresh = (await db.SiteSettings.count()) === 0
  let seeded = false
  if (fresh && env.SEED_DEMO_CONTENT === 'true') {
    await seedDemoContent(context)
    seeded = true
  } else if (fresh) {
    await db.SiteSettings.createOne({ data: {} })
  }

  const rerendered = await renderBodiesSavedBeforeBlocks(context)

  if ((await db.User.count({ where: { role: { equals: 'admin' } } })) > 0) {
    return { seeded, rerendered, admin: null }
  }
  const email = env.ADMIN_EMAIL ?? 'admin@example.org'
  const generatedPassword = env.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url')
  await db.User.createOne({
    data: {
      name: 'Administrator',
      email,
      password: env.ADMIN_PASSWORD ?? generatedPassword!,
      role: 'admin',
    },
  })
  return { seeded, rerendered, admin: { email, generatedPassword } }
}

export function reportFirstRun(report: FirstRunReport) {
  if (report.seeded) console.log('› Seeded demo content')
  if (report.rerendered) console.log(`› Rendered ${report.rerendered} post bodies saved in an earlier format`)
  if (report.admin?.generatedPassword) {
    console.log(
      `\n  Created the administrator ${report.admin.email} with the password ${report.admin.generatedPassword}\n` +
        '  It is shown only this once: sign in and change it, or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start.\n'
    )
  } else if (report.admin) {
    console.log(`› Created the administrator ${report.admin.email} from ADMIN_EMAIL and ADMIN_PASSWORD`)
  }
}
