import { describe, expect, it } from 'vitest'
import { extensionOf, formatOf, looksLikeSvg, sniffImage } from '../../src/images/image-format'
import {
  gifBytes,
  jpegBytes,
  pngBytes,
  svgBytes,
  webpExtendedBytes,
  webpLosslessBytes,
  webpLossyBytes,
} from '../support/image-bytes'

describe('sniffImage', () => {
  it('reads the format and size of a PNG from its IHDR chunk', () => {
    expect(sniffImage(pngBytes(640, 480))).toEqual({
      format: 'png',
      contentType: 'image/png',
      width: 640,
      height: 480,
    })
  })

  it('reads a GIF’s logical screen size (little-endian)', () => {
    expect(sniffImage(gifBytes(300, 2))).toMatchObject({
      format: 'gif',
      contentType: 'image/gif',
      width: 300,
      height: 2,
    })
  })

  it('walks a JPEG’s segments to its frame header', () => {
    expect(sniffImage(jpegBytes(1024, 768))).toMatchObject({
      format: 'jpeg',
      contentType: 'image/jpeg',
      width: 1024,
      height: 768,
    })
  })

  it('reads lossy, lossless and extended WebP', () => {
    expect(sniffImage(webpLossyBytes(800, 600))).toMatchObject({ format: 'webp', width: 800, height: 600 })
    expect(sniffImage(webpLosslessBytes(333, 77))).toMatchObject({ format: 'webp', width: 333, height: 77 })
    expect(sniffImage(webpExtendedBytes(5000, 3000))).toMatchObject({
      format: 'webp',
      width: 5000,
      height: 3000,
    })
  })

  it('refuses SVG by name, even with an XML declaration first', () => {
    expect(sniffImage(svgBytes)).toEqual({ refused: 'svg' })
    expect(looksLikeSvg(new TextEncoder().encode('  <svg viewBox="0 0 1 1"/>'))).toBe(true)
  })

  it('refuses what is not an image, whatever it claims to be', () => {
    expect(sniffImage(new TextEncoder().encode('<html><body>hi</body></html>'))).toEqual({
      refused: 'unknown',
    })
    expect(sniffImage(new Uint8Array([0x25, 0x50, 0x44, 0x46]))).toEqual({ refused: 'unknown' })
    expect(sniffImage(new Uint8Array())).toEqual({ refused: 'unknown' })
  })

  it('refuses a known signature with a header cut short or a size of zero', () => {
    expect(sniffImage(pngBytes(10, 10).subarray(0, 20))).toEqual({ refused: 'damaged' })
    expect(sniffImage(jpegBytes(10, 10).subarray(0, 12))).toEqual({ refused: 'damaged' })
    expect(sniffImage(gifBytes(0, 10))).toEqual({ refused: 'damaged' })
  })

  it('decides by the bytes alone: a PNG signature is a PNG', () => {
    expect(formatOf(pngBytes(1, 1))).toBe('png')
    expect(formatOf(gifBytes(1, 1))).toBe('gif')
  })

  it('names the export extension of each content type', () => {
    expect(extensionOf('image/jpeg')).toBe('jpg')
    expect(extensionOf('image/webp')).toBe('webp')
  })
})
