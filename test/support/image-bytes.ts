import { zlibSync } from 'fflate'

/** Image bytes for tests: a real PNG any browser shows, and headers of the other formats. */

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const be32 = (value: number) => [
  (value >>> 24) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 8) & 0xff,
  value & 0xff,
]
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

function chunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...ascii(type), ...data])
  return [...be32(data.length), ...typed, ...be32(crc32(typed))]
}

/**
 * A real PNG of one colour (8-bit RGB), `seed` varying the colour so each test
 * can make bytes of its own (a different content hash).
 */
export function pngBytes(width: number, height: number, seed = 0): Uint8Array<ArrayBuffer> {
  const ihdr = new Uint8Array([...be32(width), ...be32(height), 8, 2, 0, 0, 0])
  const row = [0, ...Array.from({ length: width }, () => [seed & 0xff, 120, 200]).flat()]
  const raw = new Uint8Array(Array.from({ length: height }, () => row).flat())
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', zlibSync(raw)),
    ...chunk('IEND', new Uint8Array()),
  ])
}

const le16 = (value: number) => [value & 0xff, (value >>> 8) & 0xff]

export const gifBytes = (width: number, height: number) =>
  new Uint8Array([...ascii('GIF89a'), ...le16(width), ...le16(height), 0, 0, 0, 0x3b])

/** A JPEG start: SOI, an APP0 (JFIF) segment, then a baseline frame header (SOF0). */
export const jpegBytes = (width: number, height: number) =>
  new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    ...ascii('JFIF'),
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0,
    17,
    8,
    (height >>> 8) & 0xff,
    height & 0xff,
    (width >>> 8) & 0xff,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ])

const riff = (chunkBytes: number[]) =>
  new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP'), ...chunkBytes])

/** Lossy WebP: VP8 chunk, frame tag, start code, 14-bit sizes. */
export const webpLossyBytes = (width: number, height: number) =>
  riff([...ascii('VP8 '), 0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height), 0, 0])

/** Lossless WebP: VP8L chunk, signature 0x2f, width - 1 and height - 1 in 14 bits each. */
export function webpLosslessBytes(width: number, height: number): Uint8Array {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14)
  return riff([
    ...ascii('VP8L'),
    0,
    0,
    0,
    0,
    0x2f,
    bits & 0xff,
    (bits >>> 8) & 0xff,
    (bits >>> 16) & 0xff,
    (bits >>> 24) & 0xff,
    0,
    0,
    0,
    0,
    0,
  ])
}

/** Extended WebP: VP8X chunk, flags, canvas width - 1 and height - 1 in 24 bits each. */
export const webpExtendedBytes = (width: number, height: number) =>
  riff([
    ...ascii('VP8X'),
    10,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...le16(width - 1),
    ((width - 1) >>> 16) & 0xff,
    ...le16(height - 1),
    ((height - 1) >>> 16) & 0xff,
    0,
    0,
  ])

export const svgBytes = new TextEncoder().encode(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
)
