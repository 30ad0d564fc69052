import { expect } from 'vitest'
import { ORIGIN } from './helpers'
import type { InstructorBrowser } from './studio-helpers'

/** A short article of three paragraphs (four sentences) for the source tests. */
export const ARTICLE = [
  'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.',
  'The pipeline ends at the Russian port of Novorossiysk on the Black Sea. It carries 80% of exports.',
  'In July a Russian court ordered the pipeline to stop for 30 days.',
].join('\n\n')

export const METADATA = {
  title: 'Oil routes explained',
  outlet: 'Test Gazette',
  author: 'A. Writer',
  date: '2022-07-10',
  kind: 'article',
  reliability: 'A test article.',
}

/** A same-origin multipart post, as the add-a-source form sends it. */
export function postSource(browser: InstructorBrowser, fields: Record<string, string | File>) {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return browser.fetch('/studio/sources/new', { method: 'POST', headers: { origin: ORIGIN }, body })
}

/** Adds a source by pasting ARTICLE and returns its id. */
export async function addSource(
  browser: InstructorBrowser,
  text = ARTICLE,
  extra: Record<string, string> = {},
) {
  const response = await postSource(browser, { ...METADATA, ...extra, text })
  expect(response.status).toBe(303)
  const match = /^\/studio\/sources\/(s-[a-z0-9]+)\?done=source-added$/.exec(
    response.headers.get('location') ?? '',
  )
  if (!match?.[1]) throw new Error(`no source id in ${response.headers.get('location')}`)
  return match[1]
}
