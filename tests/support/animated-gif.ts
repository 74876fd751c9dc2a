import sharp from 'sharp'

/**
 * An animated GIF of `frames` frames, each `width` × `height`: a square moving across a flat
 * background, so it compresses as small as the reaction GIFs people post while every frame still
 * differs and has to be decoded. Drawn in raw pixels, which is quick.
 */
export async function animatedGif({ width, height, frames }: { width: number; height: number; frames: number }) {
  const side = Math.round(Math.min(width, height) / 3)
  const pixels = Buffer.alloc(width * height * frames * 3)
  for (let frame = 0; frame < frames; frame++) {
    const left = Math.round(((width - side) * frame) / Math.max(1, frames - 1))
    const top = Math.round((height - side) / 2)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = x >= left && x < left + side && y >= top && y < top + side
        const at = ((frame * height + y) * width + x) * 3
        pixels[at] = inside ? 255 : 0
        pixels[at + 1] = inside ? 184 : 94
        pixels[at + 2] = inside ? 28 : 184
      }
    }
  }
  return sharp(pixels, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ delay: 80, colours: 4, effort: 1 })
    .toBuffer()
}
