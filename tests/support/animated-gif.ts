import sharp from 'sharp'

/**
 * An animated GIF of `frames` frames, each `width` × `height`: a disc moving across a flat
 * background, so it compresses as small as the reaction GIFs people post (1000 × 1000 × 45 frames
 * is about 80 KB) while every frame still differs and has to be decoded and encoded.
 */
export async function animatedGif({ width, height, frames }: { width: number; height: number; frames: number }) {
  const radius = Math.round(Math.min(width, height) / 5)
  const pictures = await Promise.all(
    Array.from({ length: frames }, (_, frame) => {
      const cx = Math.round(radius + ((width - 2 * radius) * frame) / Math.max(1, frames - 1))
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#005eb8"/><circle cx="${cx}" cy="${height / 2}" r="${radius}" fill="#ffb81c"/></svg>`
      return sharp(Buffer.from(svg)).png().toBuffer()
    })
  )
  return sharp(pictures, { join: { animated: true } }).gif({ delay: 80 }).toBuffer()
}
