import { keystoneContext } from '../lib/keystone.server'
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../lib/site-defaults'

export type { SiteSettings }

export async function getSiteSettings(): Promise<SiteSettings> {
  const context = await keystoneContext()
  const settings = await context.db.SiteSettings.findOne({ where: { id: '1' } })
  if (!settings) return DEFAULT_SITE_SETTINGS
  return {
    siteName: settings.siteName || DEFAULT_SITE_SETTINGS.siteName,
    tagline: settings.tagline,
    disclaimer: settings.disclaimer || DEFAULT_SITE_SETTINGS.disclaimer,
    aboutHtml: settings.aboutHtml,
    defaultHashtag: settings.defaultHashtag,
    announcementTemplate: settings.announcementTemplate || DEFAULT_SITE_SETTINGS.announcementTemplate,
    chatWeekday: settings.chatWeekday,
    chatLocalTime: settings.chatLocalTime,
    chatTimeZone: settings.chatTimeZone,
  }
}
