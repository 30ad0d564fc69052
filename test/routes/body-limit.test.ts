import { describe, expect, it } from 'vitest'
import { Browser, expectApiError, expectPage, storedAttempt, visibleText } from '../support/helpers'
import { freshEmail, InstructorBrowser } from '../support/studio-helpers'

const slug = 'pipeline-and-oil'
const megabyte = 1024 * 1024

/** A JSON answer body padded to about `bytes`. */
const paddedAnswer = (bytes: number) =>
  JSON.stringify({ position: 1, answer: { value: 30 }, pad: 'a'.repeat(bytes) })

/** A body sent chunk by chunk with no Content-Length, as `Transfer-Encoding: chunked` arrives. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + 16 * 1024))
      offset += 16 * 1024
    },
  })
}

describe('request bodies', () => {
  it('over 64 KB of JSON get a 413 payload_too_large under /api, and nothing is stored', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const response = await browser.postJson(
      `/api/attempts/${attempt.id}/answers`,
      JSON.parse(paddedAnswer(megabyte)),
    )
    const body = await expectApiError(response, 413, 'payload_too_large')
    expect(body.error.message).toContain('64 KB')
    await expectApiError(
      await browser.postJson('/api/attempts/x/answers', JSON.parse(paddedAnswer(megabyte))),
      413,
      'payload_too_large',
    )
    expect((await storedAttempt(attempt.id)).answeredCount).toBe(0)
  })

  it('are refused when sent chunked, without a Content-Length', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const response = await browser.fetch(`/api/attempts/${attempt.id}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked(paddedAnswer(megabyte)),
    })
    await expectApiError(response, 413, 'payload_too_large')
    expect((await storedAttempt(attempt.id)).answeredCount).toBe(0)
  })

  it('are refused when the Content-Length lies', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const response = await browser.fetch(`/api/attempts/${attempt.id}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '40' },
      body: paddedAnswer(megabyte),
    })
    await expectApiError(response, 413, 'payload_too_large')
    expect((await storedAttempt(attempt.id)).answeredCount).toBe(0)
  })

  it('under the limit are read as before', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const questionId = attempt.items[0]?.question.id ?? ''
    const answer = { questionId, answer: { value: 30 } }
    const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, answer)
    expect(response.status).toBe(200)
  })

  it('over 64 KB in a form get a 413 page, for learners and in the studio', async () => {
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    const answer = await learner.postForm(`/attempts/${attemptId}/q/1`, {
      value: '30',
      pad: 'a'.repeat(megabyte),
    })
    expect(visibleText(await expectPage(answer, 413))).toContain('too large')
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)

    const instructor = new InstructorBrowser()
    await instructor.signUp(freshEmail('body-limit'))
    const created = await instructor.postForm('/studio/sets', { title: 'a'.repeat(megabyte) })
    expect(visibleText(await expectPage(created, 413))).toContain('too large')
  })

  it('over 768 KB to the question import get a 413 too, even when the Content-Length lies', async () => {
    const instructor = new InstructorBrowser()
    await instructor.signUp(freshEmail('import-limit'))
    const created = await instructor.postForm('/studio/sets', { title: 'Import limit' })
    const slug = new URL(created.headers.get('location') ?? '', 'http://x').pathname.split('/')[3] ?? ''
    expect(slug).not.toBe('')
    const body = `text=${'a'.repeat(2 * megabyte)}&format=auto`
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    for (const init of [
      { headers: { ...form, 'content-length': '40' }, body },
      { headers: form, body: chunked(body) },
    ]) {
      const response = await instructor.fetch(`/studio/sets/${slug}/import`, { method: 'POST', ...init })
      expect(visibleText(await expectPage(response, 413))).toContain('768 KB')
    }
  })
})
