import type { RootData } from '../../components/site-context'
import { pickLocale } from '../../domain/format'
import type { Weekday } from '../../domain/schedule'
import { keptUntilContentChanges } from '../../server/content-changes.server'
import { env } from '../../server/env.server'
import { keystoneContext, type Context } from '../../server/keystone.server'
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from './site-defaults'

export type { SiteSettings }

/**
 * The saved settings, or their defaults before an editor has saved any: no page lacks the
 * disclaimer. Every page reads them, so they are read once per content version: any change, in
 * this process or another (app/server/content-changes.server.ts), reads them again.
 */
export function getSiteSettings(context?: Context): Promise<SiteSettings> {
  return context ? readSiteSettings(context) : keptSettings('settings')
}

const keptSettings = keptUntilContentChanges(() => readSiteSettings(), { max: 1 })

async function readSiteSettings(context?: Context): Promise<SiteSettings> {
  const settings = await (context ?? (await keystoneContext())).prisma.siteSettings.findUnique({ where: { id: 1 } })
  if (!settings) return DEFAULT_SITE_SETTINGS
  return {
    siteName: settings.siteName || DEFAULT_SITE_SETTINGS.siteName,
    tagline: settings.tagline,
    disclaimer: settings.disclaimer || DEFAULT_SITE_SETTINGS.disclaimer,
    aboutHtml: settings.aboutHtml,
    defaultHashtag: settings.defaultHashtag || DEFAULT_SITE_SETTINGS.defaultHashtag,
    announcementTemplate: settings.announcementTemplate || DEFAULT_SITE_SETTINGS.announcementTemplate,
    chatWeekday: settings.chatWeekday,
    chatLocalTime: settings.chatLocalTime,
    chatTimeZone: settings.chatTimeZone,
  }
}

/** What every page's components know of the site (the root loader's data, the editor's preview's), in a reader's language. */
export async function siteData(acceptLanguage: string | null): Promise<RootData> {
  const settings = await getSiteSettings()
  return {
    siteName: settings.siteName,
    tagline: settings.tagline,
    disclaimer: settings.disclaimer,
    publicUrl: env.publicUrl,
    locale: pickLocale(acceptLanguage),
    chatTimeZone: settings.chatTimeZone,
  }
}

/** The weekly slot and default hashtag that new topic announcements start from. */
export async function getChatSchedule(context: Context) {
  const settings = await getSiteSettings(context)
  return {
    weekday: settings.chatWeekday as Weekday,
    localTime: settings.chatLocalTime,
    timeZone: settings.chatTimeZone,
    defaultHashtag: settings.defaultHashtag,
  }
}
