export type SiteSettings = {
  siteName: string
  tagline: string
  disclaimer: string
  aboutHtml: string
  defaultHashtag: string
  announcementTemplate: string
  chatWeekday: string
  chatLocalTime: string
  chatTimeZone: string
}

// Shown before an editor has saved settings, so no page ever lacks the disclaimer.
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  siteName: 'The Monday Health Chat',
  tagline: 'A weekly tweet chat for people who communicate health services',
  disclaimer:
    'Everything said in the chat and on this blog is the personal view of the person who said it. ' +
    'None of it is official NHS policy, and nothing here speaks for any NHS organisation.',
  aboutHtml: '',
  defaultHashtag: '#mondayhealthchat',
  announcementTemplate: 'Next {hashtag}: {title}, {date} at {time} {zone}. Hosted by {host}. Questions and a calendar file: {url}',
  chatWeekday: 'monday',
  chatLocalTime: '12:00',
  chatTimeZone: 'Europe/London',
}
