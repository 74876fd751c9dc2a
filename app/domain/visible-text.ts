// Required text must show something. Trimming removes white space only, so a name of one zero-width
// space, a BOM or a bidi control would pass and be published as nothing. Default-ignorable code
// points (zero-width spaces and joiners, BOM, soft hyphen, bidi controls, variation selectors,
// Hangul fillers) and other format characters (\p{Cf}) draw nothing, nor does the braille blank.
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu

/** Whether `text` still has a character once every invisible one is removed. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== ''
}
