/**
 * What an uploaded file is, read from its first bytes (never its name or the
 * type the browser declared), and its size in pixels from the format's header,
 * so pages can give `<img>` a width and height before it loads.
 */

/** The raster formats Cited accepts. SVG is refused: it can carry scripts, and no sanitiser runs in a Worker. */
export const IMAGE_FORMATS = {
  png: { contentType: 'image/png', extension: 'png' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  gif: { contentType: 'image/gif', extension: 'gif' },
} as const

export type ImageFormat = keyof typeof IMAGE_FORMATS

/** The largest side Cited stores: past this a header is more likely a lie than a photo. */
export const MAX_IMAGE_SIDE = 20_000

export type SniffedImage = { format: ImageFormat; contentType: string; width: number; height: number }

/** Why bytes were not accepted as an image. */
export type ImageRefusal = 'svg' | 'unknown' | 'damaged'

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte)

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

const be16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0)
const le16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
const le24 = (bytes: Uint8Array, at: number) => le16(bytes, at) | ((bytes[at + 2] ?? 0) << 16)
const be32 = (bytes: Uint8Array, at: number) => be16(bytes, at) * 65536 + be16(bytes, at + 2)

/**
 * The format of `bytes` by its magic number: PNG, JPEG, WebP or GIF, else null.
 * @example formatOf(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) // 'gif'
 */
export function formatOf(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp'
  return null
}

/**
 * True when the bytes look like SVG (XML whose first element is `<svg`), so the
 * refusal can say why instead of "not an image".
 */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 2048))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  if (head.startsWith('<svg')) return true
  return (
    (head.startsWith('<?xml') || head.startsWith('<!--') || head.startsWith('<!doctype svg')) &&
    head.includes('<svg')
  )
}

function pngSize(bytes: Uint8Array): [number, number] | null {
  // The IHDR chunk comes first: length (4), "IHDR", width, height (big-endian).
  if (!startsWith(bytes, ascii('IHDR'), 12) || bytes.length < 24) return null
  return [be32(bytes, 16), be32(bytes, 20)]
}

function gifSize(bytes: Uint8Array): [number, number] | null {
  if (bytes.length < 10) return null
  return [le16(bytes, 6), le16(bytes, 8)]
}

function webpSize(bytes: Uint8Array): [number, number] | null {
  if (bytes.length < 30) return null
  if (startsWith(bytes, ascii('VP8 '), 12)) {
    // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null
    return [le16(bytes, 26) & 0x3fff, le16(bytes, 28) & 0x3fff]
  }
  if (startsWith(bytes, ascii('VP8L'), 12)) {
    // Lossless: the signature 0x2f, then width - 1 and height - 1 in 14 bits each.
    if (bytes[20] !== 0x2f) return null
    const bits =
      (bytes[21] ?? 0) | ((bytes[22] ?? 0) << 8) | ((bytes[23] ?? 0) << 16) | ((bytes[24] ?? 0) << 24)
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1]
  }
  if (startsWith(bytes, ascii('VP8X'), 12)) {
    // Extended: flags (4 bytes), then canvas width - 1 and height - 1 in 24 bits each.
    return [le24(bytes, 24) + 1, le24(bytes, 27) + 1]
  }
  return null
}

/** Start-of-frame markers, which hold the size; C4, C8 and CC share the range but are not frames. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

function jpegSize(bytes: Uint8Array): [number, number] | null {
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1] ?? 0
    // Fill bytes: zero or more 0xff bytes before a marker.
    if (marker === 0xff) {
      at += 1
      continue
    }
    // Markers without a length: restart markers, start and end of image, TEM.
    if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      at += 2
      continue
    }
    if (isStartOfFrame(marker)) return [be16(bytes, at + 7), be16(bytes, at + 5)]
    // Any other segment: skip its length (which counts its own two bytes).
    const length = be16(bytes, at + 2)
    if (length < 2) return null
    at += 2 + length
  }
  return null
}

const sizeReaders: Record<ImageFormat, (bytes: Uint8Array) => [number, number] | null> = {
  png: pngSize,
  jpeg: jpegSize,
  webp: webpSize,
  gif: gifSize,
}

/**
 * The format and pixel size of an uploaded image, from its bytes alone, or
 * why it is refused: `svg`, `unknown` (not one of the four formats) or
 * `damaged` (a known signature with a header that gives no usable size).
 * @example sniffImage(pngBytes) // { format: 'png', contentType: 'image/png', width: 640, height: 480 }
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | { refused: ImageRefusal } {
  const format = formatOf(bytes)
  if (!format) return { refused: looksLikeSvg(bytes) ? 'svg' : 'unknown' }
  const size = sizeReaders[format](bytes)
  if (!size) return { refused: 'damaged' }
  const [width, height] = size
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    return { refused: 'damaged' }
  return { format, contentType: IMAGE_FORMATS[format].contentType, width, height }
}

/** The file extension of a content type Cited stores (`png` for `image/png`), for export file names. */
export function extensionOf(contentType: string): string {
  const found = Object.values(IMAGE_FORMATS).find((format) => format.contentType === contentType)
  return found?.extension ?? 'bin'
}

/** The content type of an export file name's extension, or null. */
export function contentTypeOfExtension(extension: string): string | null {
  const found = Object.values(IMAGE_FORMATS).find((format) => format.extension === extension.toLowerCase())
  return found?.contentType ?? null
}
