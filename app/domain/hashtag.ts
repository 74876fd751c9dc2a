// A chat's hashtag has one spelling inside the site, "#word", and one rule for what a hashtag is.
// Everything that takes one from outside (the topic form, the desk's upload, the CLI, a stored
// archive) goes through here, and so does everything that needs the bare word a network's API
// wants: no other module adds or strips a "#".

/** One hashtag, with or without its "#": letters, digits and underscores, as X, Bluesky and Mastodon agree on. */
export const HASHTAG_PATTERN = /^#?[\p{L}\p{N}_]+$/u

export const HASHTAG_EXAMPLE = '#mondayhealthchat'

export const isHashtag = (text: string) => HASHTAG_PATTERN.test(text.trim())

/** "nhschat", "#nhschat" or " #nhschat " as "#nhschat". */
export const hashtagText = (text: string) => `#${bareTag(text)}`

/** The word without its "#", as the networks' tag searches and addresses want it. */
export const bareTag = (text: string) => text.trim().replace(/^#/, '')
