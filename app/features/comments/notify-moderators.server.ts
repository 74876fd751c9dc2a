import nodemailer, { type Transporter } from 'nodemailer'

import { env } from '../../server/env.server'
import type { Context } from '../../server/keystone.server'

// Tells moderators that a comment is waiting, one message per comment, when an SMTP server is
// configured (SMTP_URL). Without one, the Admin UI's Comments list, filtered to pending, is the
// notice. A mail failure is logged and never costs the reader their comment.

let transport: Transporter | null | undefined

function mailer() {
  if (transport === undefined) transport = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : null
  return transport
}

export async function notifyModerators(
  context: Context,
  comment: { authorName: string; body: string; heldReason: string; itemTitle: string; itemPath: string }
) {
  const transporter = mailer()
  if (!transporter) return
  try {
    const editors = await context.sudo().db.User.findMany({ where: { role: { in: ['editor', 'admin'] } } })
    const to = env.MODERATOR_EMAIL ?? editors.map(editor => editor.email).join(', ')
    if (!to) return
    await transporter.sendMail({
      from: env.SMTP_FROM,
      to,
      subject: `Comment waiting on “${comment.itemTitle}”`,
      text: [
        `${comment.authorName} commented on “${comment.itemTitle}” (${env.publicUrl}${comment.itemPath}):`,
        '',
        comment.body,
        '',
        ...(comment.heldReason ? [`Held because: ${comment.heldReason}`, ''] : []),
        `Approve, mark as spam, delete or answer it: ${env.publicUrl}/admin/moderation`,
      ].join('\n'),
    })
  } catch (error) {
    console.error(`Could not email moderators about a new comment: ${error instanceof Error ? error.message : error}`)
  }
}
