import * as z from 'zod'

/** An image's id: the SHA-256 of its bytes, in lower-case hex (src/services/images.ts). */
export const imageHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be an image id (64 hex digits)')

/** The longest alt text: a sentence or two; a long description belongs in the explanation. */
export const MAX_ALT = 300

/**
 * An image a question shows: its id, its alt text (or `decorative`, then
 * shown with `alt=""`), and its size in pixels, copied from the image's row at
 * upload so a page can set `width` and `height` without a query.
 */
export const imageRefSchema = z
  .strictObject({
    hash: imageHashSchema,
    alt: z.string().trim().max(MAX_ALT).default(''),
    decorative: z.boolean().optional(),
    width: z.number().int().min(1).max(20_000),
    height: z.number().int().min(1).max(20_000),
  })
  .superRefine((image, ctx) => {
    if (!image.decorative && !image.alt)
      ctx.addIssue({
        code: 'custom',
        message: 'an image needs alt text, unless it is marked decorative',
        path: ['alt'],
      })
  })

export type ImageRef = z.infer<typeof imageRefSchema>

/** What a learner's browser gets for an image: where to load it, what it says, its size. */
export type PublicImage = { src: string; alt: string; width: number; height: number }

/** The address an image is served at (routes/images.ts). */
export const imagePath = (hash: string) => `/images/${hash}`

/** An image as a page shows it: a decorative one has an empty alt, so screen readers skip it. */
export const publicImage = (image: ImageRef): PublicImage => ({
  src: imagePath(image.hash),
  alt: image.decorative ? '' : image.alt,
  width: image.width,
  height: image.height,
})

/** A figure beside a cited passage: an image from the source (a chart, a map, a table) and its caption. */
export const figureSchema = z.strictObject({
  image: imageRefSchema,
  caption: z.string().trim().max(300).optional(),
})

export type Figure = z.infer<typeof figureSchema>
