import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

import satori, { type Font } from 'satori'
import sharp from 'sharp'

import { CARD_HEIGHT, CARD_WIDTH, cardDate, numberText, type CardContent } from '../../domain/social-card'

// A social card is drawn from its content alone: satori lays the elements out and writes the
// text as SVG paths from the font files below (no system fonts, so every server draws the same
// card), and sharp rasterises the SVG to PNG. Dark text on white, large type, few words: a link
// preview is often seen at 300 px wide or less.

const require = createRequire(import.meta.url)
const FONT_FAMILY = 'Atkinson Hyperlegible'
// Satori reads WOFF, not WOFF2. Latin Extended adds most of Europe's accented letters; what no
// file has (Welsh ŵ and ŷ, emoji, Greek, Chinese) is drawn as well as it can be (withoutMissing).
const FONT_FILES = [
  { name: `${FONT_FAMILY} latin`, weight: 400, file: require.resolve('@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff') },
  { name: `${FONT_FAMILY} latin-ext`, weight: 400, file: require.resolve('@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-400-normal.woff') },
  { name: `${FONT_FAMILY} latin`, weight: 700, file: require.resolve('@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff') },
  { name: `${FONT_FAMILY} latin-ext`, weight: 700, file: require.resolve('@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-700-normal.woff') },
] as const
const FONT_STACK = [...new Set(FONT_FILES.map(font => font.name))].join(', ')

let fonts: Promise<Font[]> | undefined
function loadFonts() {
  fonts ??= Promise.all(FONT_FILES.map(async ({ name, weight, file }) => ({ name, weight, style: 'normal' as const, data: await readFile(file) })))
  return fonts
}

const INK = '#0b1f33'
const MUTED = '#3d4b59'
const ACCENT = '#005eb8'
const PAPER = '#ffffff'
const BAND = '#ffb81c'

/** Long titles get smaller type, then are cut after the last line that fits. */
function titleStyle(title: string) {
  const length = [...title].length
  if (length <= 40) return { fontSize: 80, lines: 3 }
  if (length <= 80) return { fontSize: 66, lines: 4 }
  if (length <= 130) return { fontSize: 56, lines: 4 }
  return { fontSize: 50, lines: 5 }
}

/**
 * Satori clamps lines itself, but a 10,000-character title would still be measured whole: the
 * text is cut to what five lines at the smallest size can hold before it is laid out.
 */
const MAX_TITLE_CHARACTERS = 220

function shortened(text: string) {
  const characters = [...text.trim()]
  if (characters.length <= MAX_TITLE_CHARACTERS) return text.trim()
  const cut = characters.slice(0, MAX_TITLE_CHARACTERS).join('')
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > MAX_TITLE_CHARACTERS / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}

function Card({ content }: { content: CardContent }) {
  const title = shortened(content.title)
  const { fontSize, lines } = titleStyle(title)
  const date = cardDate(content)
  const numbers = content.numbers.map(numberText).join('  ·  ')
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', background: PAPER, color: INK, fontFamily: FONT_STACK }}>
      <div style={{ height: 24, background: ACCENT, display: 'flex' }}>
        <div style={{ width: 240, height: 24, background: BAND }} />
      </div>
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', padding: '48px 72px 56px' }}>
        {/* The site's own card has its name as the title. */}
        {content.label ? (
          <div style={{ display: 'flex', alignItems: 'center', fontSize: 36, fontWeight: 700 }}>
            <span style={{ color: ACCENT }}>{content.siteName}</span>
            <span style={{ marginLeft: 20, padding: '4px 18px', border: `3px solid ${INK}`, borderRadius: 999, fontSize: 30 }}>{content.label}</span>
          </div>
        ) : null}
        <div style={{ flex: 1, display: 'flex', flexDirection: 'column', justifyContent: 'center', overflow: 'hidden' }}>
          <div style={{ display: 'block', fontSize, fontWeight: 700, lineHeight: 1.12, lineClamp: lines, overflow: 'hidden', wordBreak: 'break-word' }}>{title}</div>
          {content.tagline ? <div style={{ display: 'block', marginTop: 28, fontSize: 40, color: MUTED, lineHeight: 1.25, lineClamp: 3, overflow: 'hidden' }}>{shortened(content.tagline)}</div> : null}
        </div>
        {date || numbers ? (
          <div style={{ display: 'flex', flexDirection: 'column', fontSize: 34, color: MUTED }}>
            {date ? <span>{date}</span> : null}
            {numbers ? <span style={{ marginTop: 6, color: INK, fontWeight: 700 }}>{numbers}</span> : null}
          </div>
        ) : null}
      </div>
    </div>
  )
}

/**
 * The graphemes in `missing` replaced by what the fonts can draw: a letter without its accent
 * when the letter is ASCII (Atkinson Hyperlegible has no ŵ or ŷ: "ŵyl" is drawn "wyl"),
 * nothing otherwise (emoji, other scripts).
 */
function withoutMissing(text: string, missing: Set<string>) {
  let drawable = text
  for (const grapheme of missing) {
    // The fonts have every ASCII letter; a base letter from another script may be missing too.
    const base = grapheme.normalize('NFD').replace(/\p{M}/gu, '')
    drawable = drawable.replaceAll(grapheme, /^[A-Za-z]+$/.test(base) ? base : '')
  }
  return drawable.replace(/\s+/g, ' ').trim()
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

function render(content: CardContent, fonts: Font[], onMissing?: (segment: string) => void) {
  return satori(<Card content={content} />, {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts,
    // Satori asks for a font for the characters none of ours has; none is given, so it would
    // draw boxes. Noting them lets the card be drawn again without them.
    loadAdditionalAsset: async (_language, segment) => {
      onMissing?.(segment)
      return []
    },
  })
}

/** The card as a 1200×630 PNG. */
export async function drawCard(content: CardContent): Promise<Buffer> {
  const fonts = await loadFonts()
  const missing = new Set<string>()
  let svg = await render(content, fonts, segment => {
    for (const { segment: grapheme } of graphemes.segment(segment)) missing.add(grapheme)
  })
  if (missing.size > 0) {
    const siteName = withoutMissing(content.siteName, missing)
    const drawable = {
      ...content,
      siteName,
      tagline: content.tagline && withoutMissing(content.tagline, missing),
      // A title in a script the fonts lack entirely leaves the card its kind, or the site's name.
      title: withoutMissing(content.title, missing) || content.label || siteName,
    }
    svg = await render(drawable, fonts)
  }
  // Flat colours and text: 16 colours without dithering keep the anti-aliased edges smooth, at
  // a third of the bytes of a full-colour PNG, and quantise in a few milliseconds.
  return sharp(Buffer.from(svg)).png({ palette: true, colours: 16, dither: 0, effort: 1 }).toBuffer()
}
