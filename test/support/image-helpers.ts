import { expect } from 'vitest'
import { ORIGIN } from './helpers'
import type { InstructorBrowser } from './studio-helpers'

/** The hex SHA-256 of bytes: an uploaded image's id. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Posts the images page's multipart form, as a browser does from the page. */
export function postImage(
  browser: InstructorBrowser,
  slug: string,
  questionId: string,
  fields: Record<string, string>,
  file?: { bytes: Uint8Array<ArrayBuffer>; name: string; type: string },
): Promise<Response> {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  if (file) form.append('image', new File([file.bytes], file.name, { type: file.type }))
  return browser.fetch(`/studio/sets/${slug}/questions/${questionId}/images`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'cf-connecting-ip': browser.ip },
    body: form,
  })
}

/** Uploads `bytes` at `target` with alt text and returns where the save redirected (the question's id may change). */
export async function uploadImage(
  browser: InstructorBrowser,
  slug: string,
  questionId: string,
  target: string,
  bytes: Uint8Array<ArrayBuffer>,
  extra: Record<string, string> = { alt: 'A map of the pipeline' },
): Promise<string> {
  const response = await postImage(
    browser,
    slug,
    questionId,
    { target, intent: 'save', ...extra },
    {
      bytes,
      name: 'picture.png',
      type: 'image/png',
    },
  )
  expect(response.status).toBe(303)
  const match = /\/questions\/([^/]+)\/images\?done=image-saved$/.exec(response.headers.get('location') ?? '')
  if (!match?.[1]) throw new Error(`unexpected redirect ${response.headers.get('location')}`)
  return match[1]
}
