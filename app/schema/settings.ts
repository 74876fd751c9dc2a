import { list } from '@keystone-6/core'
import { allowAll, denyAll } from '@keystone-6/core/access'
import { checkbox, select, text } from '@keystone-6/core/fields'

import type { Lists } from '../../generated/keystone/types'
import { isValidTimeZone, WEEKDAYS } from '../domain/schedule'
import { DEFAULT_SITE_SETTINGS } from '../features/content/site-defaults'
import type { Session } from '../server/session'
import { permissions } from './access'
import { markdown, renderedHtml } from './fields'

// The site's one settings item: its name, the disclaimer, the weekly schedule, moderation and
// announcement options.

export const settingsLists = {
  SiteSettings: list({
    isSingleton: true,
    access: {
      operation: {
        query: allowAll,
        create: permissions.isAdmin,
        update: permissions.isAdmin,
        delete: denyAll,
      },
    },
    ui: { label: 'Site settings' },
    graphql: { plural: 'SiteSettingsItems' },
    fields: {
      siteName: text({ ui: { label: 'Site name' }, validation: { isRequired: true }, defaultValue: DEFAULT_SITE_SETTINGS.siteName }),
      tagline: text({ defaultValue: DEFAULT_SITE_SETTINGS.tagline }),
      disclaimer: text({
        ui: { displayMode: 'textarea', description: 'Shown on every page and at the end of every feed item.' },
        validation: { isRequired: true },
        defaultValue: DEFAULT_SITE_SETTINGS.disclaimer,
      }),
      about: markdown('About page'),
      aboutHtml: renderedHtml('about'),
      defaultHashtag: text({ ui: { label: 'Default hashtag' }, defaultValue: DEFAULT_SITE_SETTINGS.defaultHashtag }),
      autoApproveReturningCommenters: checkbox({
        ui: {
          label: 'Auto-approve returning commenters',
          description: 'Publish at once a comment whose email already has an approved comment. Comments that seem to hold a patient’s details are held regardless.',
        },
      }),
      announcementTemplate: text({
        ui: {
          label: 'Announcement post template',
          displayMode: 'textarea',
          description: 'The post to X announcing a topic. Placeholders: {title} {hashtag} {date} {time} {zone} {host} {url}. At most 280 characters once filled in (links count as 23).',
        },
        defaultValue: DEFAULT_SITE_SETTINGS.announcementTemplate,
        validation: { isRequired: true },
      }),
      chatWeekday: select({
        ui: { label: 'Chat weekday' },
        type: 'string',
        options: WEEKDAYS.map(day => ({ label: day[0].toUpperCase() + day.slice(1), value: day })),
        defaultValue: DEFAULT_SITE_SETTINGS.chatWeekday,
        validation: { isRequired: true },
      }),
      chatLocalTime: text({
        ui: { label: 'Chat local time' },
        defaultValue: DEFAULT_SITE_SETTINGS.chatLocalTime,
        validation: {
          isRequired: true,
          match: { regex: /^([01]\d|2[0-3]):[0-5]\d$/, explanation: 'Use 24-hour HH:MM, for example 12:00.' },
        },
      }),
      chatTimeZone: text({
        ui: { label: 'Chat time zone' },
        defaultValue: DEFAULT_SITE_SETTINGS.chatTimeZone,
        validation: { isRequired: true },
        hooks: {
          validate: ({ resolvedData, addValidationError }) => {
            const zone = resolvedData?.chatTimeZone
            if (typeof zone === 'string' && !isValidTimeZone(zone)) {
              addValidationError(`Chat time zone: "${zone}" is not an IANA time zone such as Europe/London.`)
            }
          },
        },
      }),
    },
  }),
} satisfies Partial<Lists<Session>>
