import { describe, expect, it } from 'vitest'
import { hashAccessToken } from '../../src/embed/access-token'
import { REPORT_LEARNER_LIMIT } from '../../src/quiz/problem-report'
import type { Question } from '../../src/quiz/question'
import {
  Browser,
  correctAnswer,
  decodeEntities,
  expectPage,
  formFieldsFor,
  islandProps,
  learnerIdOf,
  questionOf,
  storedAttempt,
  visibleText,
  wrongAnswer,
} from '../support/helpers'
import { createSet, idsOfType } from '../support/set-settings-helpers'
import { type InstructorBrowser, sql } from '../support/studio-helpers'
import {
  addFromBank,
  instructor,
  newSet,
  ownQuestionIds,
  trueFalseForm,
} from '../support/studio-sets-helpers'

/**
 * "Report a problem with this question": learners report a question they
 * answered, from its feedback or their results (Cited and embeds); the set's
 * owner reads, replies and resolves in the studio.
 */

type ReportRow = {
  id: string
  set_slug: string
  question_id: string
  learner_id: string
  attempt_id: string
  reason: string
  comment: string | null
  status: string
  reply: string | null
}

async function reportsOf(setSlug: string): Promise<ReportRow[]> {
  const { results } = await sql(
    'select * from question_reports where set_slug = ? order by created_at',
    setSlug,
  ).all<ReportRow>()
  return results
}

/** The bank question at `position` of a stored attempt. */
async function questionAt(attemptId: string, position: number) {
  const id = (await storedAttempt(attemptId)).questionIds[position - 1]
  if (!id) throw new Error(`attempt ${attemptId} has no question ${position}`)
  return questionOf(id)
}

/** Answers question `position` of an attempt with the no-JS form (under `base`, Cited's or an embed's). */
async function answer(browser: Browser, base: string, attemptId: string, position: number, right = false) {
  const question = await questionAt(attemptId, position)
  const response = await browser.postForm(
    `${base}/q/${position}`,
    formFieldsFor(question, right ? correctAnswer(question) : wrongAnswer(question)),
  )
  expect(response.status).toBe(303)
  return question
}

/** Answers every question of an attempt, finishing it. */
async function finish(browser: Browser, attemptId: string) {
  const total = (await storedAttempt(attemptId)).questionIds.length
  for (let position = 1; position <= total; position++)
    await answer(browser, `/attempts/${attemptId}`, attemptId, position)
}

const report = (browser: Browser, path: string, fields: Record<string, string>) =>
  browser.postForm(`${path}/report`, fields)

/** An instructor's published set of bank questions, made through the studio. */
async function publishedStudioSet(owner: InstructorBrowser, count = 3): Promise<string> {
  const slug = await newSet(owner, 'Reported set')
  for (const id of idsOfType('single').slice(0, count)) await addFromBank(owner, slug, id)
  expect((await owner.postForm(`/studio/sets/${slug}/publish`, {})).status).toBe(303)
  // A new set is private; learners need a link to it (the settings form is tested elsewhere).
  await sql("update quiz_sets set visibility = 'unlisted' where slug = ?", slug).run()
  return slug
}

describe('reporting a question as a learner (no JavaScript)', () => {
  it('is refused before the question is answered, and says nothing of the question', async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 3) })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    const question = await questionAt(attemptId, 1)
    const unanswered = await expectPage(await learner.get(`/attempts/${attemptId}/q/1`), 200)
    expect(unanswered).not.toContain('/report"')

    const page = await expectPage(await learner.get(`/attempts/${attemptId}/q/1/report`), 403)
    const posted = await expectPage(
      await report(learner, `/attempts/${attemptId}/q/1`, { reason: 'unclear' }),
      403,
    )
    for (const html of [page, posted]) {
      expect(visibleText(html)).toContain('once you have answered it')
      expect(decodeEntities(html)).not.toContain(question.explanation)
      expect(decodeEntities(html)).not.toContain(question.id)
    }
    expect(await reportsOf(slug)).toEqual([])
    // Another learner's attempt, and a question the attempt does not have, are 404s.
    await expectPage(await new Browser().get(`/attempts/${attemptId}/q/1/report`), 404)
    await expectPage(await learner.get(`/attempts/${attemptId}/q/9/report`), 404)
  })

  it('is offered with the feedback, stores the report against the attempt and the question, and says thanks', async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 3) })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    // The island of a question not yet answered carries the link it shows with its feedback.
    const before = await expectPage(await learner.get(`/attempts/${attemptId}/q/1`), 200)
    expect(islandProps(before, 'answer-form')[0]).toMatchObject({
      reportHref: `/attempts/${attemptId}/q/1/report`,
    })
    const question = await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
    const feedback = await expectPage(await learner.get(`/attempts/${attemptId}/q/1`), 200)
    expect(feedback).toContain(`href="/attempts/${attemptId}/q/1/report"`)
    expect(visibleText(feedback)).toContain('Report a problem with this question')

    const form = await expectPage(await learner.get(`/attempts/${attemptId}/q/1/report`), 200)
    expect(form).toContain(`action="/attempts/${attemptId}/q/1/report"`)
    for (const reason of ['wrong_answer', 'source_mismatch', 'unclear', 'other'])
      expect(form).toContain(`value="${reason}"`)
    expect(visibleText(form)).toContain(question.prompt)

    const sent = await report(learner, `/attempts/${attemptId}/q/1`, {
      reason: 'source_mismatch',
      comment: '  The article says 2021, not 2022.  ',
    })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe(`/attempts/${attemptId}/q/1/report?sent=1`)
    const [row] = await reportsOf(slug)
    expect(row).toMatchObject({
      set_slug: slug,
      question_id: question.id,
      learner_id: learner.learnerId,
      attempt_id: attemptId,
      reason: 'source_mismatch',
      comment: 'The article says 2021, not 2022.',
      status: 'open',
    })
    const thanks = visibleText(await expectPage(await learner.get(sent.headers.get('location') ?? ''), 200))
    expect(thanks).toContain('Thank you')
    expect(thanks).toContain('You reported: The source does not say this')
    expect(thanks).toContain('The article says 2021, not 2022.')
  })

  it('keeps one report per learner and question: a second one replaces it and opens it again', async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 3) })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
    await report(learner, `/attempts/${attemptId}/q/1`, { reason: 'unclear', comment: 'Which pipeline?' })
    await sql(
      "update question_reports set status = 'resolved', resolved_at = 1 where set_slug = ?",
      slug,
    ).run()
    // The form comes back filled in with the report sent.
    const again = await expectPage(await learner.get(`/attempts/${attemptId}/q/1/report`), 200)
    expect(again).toMatch(/value="unclear"[^>]* checked/)
    expect(again).toContain('Which pipeline?')
    expect(visibleText(again)).toContain('Update my report')

    // A later attempt on the same set reports the same question: still one row, now from that attempt.
    await finish(learner, attemptId)
    const second = await learner.start(slug)
    await answer(learner, `/attempts/${second}`, second, 1)
    await report(learner, `/attempts/${second}/q/1`, { reason: 'wrong_answer', comment: '' })
    const rows = await reportsOf(slug)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      reason: 'wrong_answer',
      comment: null,
      status: 'open',
      attempt_id: second,
    })

    // Another question, or another learner, is another report.
    await answer(learner, `/attempts/${second}`, second, 2)
    await report(learner, `/attempts/${second}/q/2`, { reason: 'other' })
    const other = new Browser()
    const theirs = await other.start(slug)
    await answer(other, `/attempts/${theirs}`, theirs, 1)
    await report(other, `/attempts/${theirs}/q/1`, { reason: 'unclear' })
    expect(await reportsOf(slug)).toHaveLength(3)
  })

  it('refuses a bad form with a 400 that keeps what was typed', async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 2) })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
    const path = `/attempts/${attemptId}/q/1`

    const noReason = await expectPage(
      await report(learner, path, { comment: 'Typed & kept <b>here</b>' }),
      400,
    )
    expect(visibleText(noReason)).toContain('Choose what is wrong with the question.')
    expect(noReason).toContain('Typed &amp; kept &lt;b>here&lt;/b>')

    const unknown = await expectPage(await report(learner, path, { reason: 'boring', comment: 'x' }), 400)
    expect(visibleText(unknown)).toContain('Choose what is wrong with the question.')

    const long = 'word '.repeat(120)
    const tooLong = await expectPage(await report(learner, path, { reason: 'other', comment: long }), 400)
    expect(visibleText(tooLong)).toContain('Keep your note under 500 characters.')
    expect(tooLong).toContain(long.trimEnd())
    expect(tooLong).toMatch(/value="other"[^>]* checked/)
    expect(tooLong).toMatch(/<textarea[^>]*aria-invalid="true"/)

    const control = await expectPage(
      await report(learner, path, { reason: 'other', comment: 'bell\u0007' }),
      400,
    )
    expect(visibleText(control)).toContain('characters that cannot be shown')

    // Far past the limit: refused before it is read into the page.
    await expectPage(await report(learner, path, { reason: 'other', comment: 'x'.repeat(5000) }), 400)
    expect(await reportsOf(slug)).toEqual([])
  })

  it(`allows ${REPORT_LEARNER_LIMIT} reports per learner an hour, then a 429 that keeps the form`, async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 2) })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
    const path = `/attempts/${attemptId}/q/1`
    for (let sent = 0; sent < REPORT_LEARNER_LIMIT; sent++)
      expect((await report(learner, path, { reason: 'unclear', comment: `try ${sent}` })).status).toBe(303)
    const refused = await report(learner, path, { reason: 'other', comment: 'one too many' })
    const html = await expectPage(refused, 429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(visibleText(html)).toContain('Too many reports from you in the last hour.')
    expect(html).toContain('one too many')
    expect((await reportsOf(slug))[0]?.comment).toBe(`try ${REPORT_LEARNER_LIMIT - 1}`)
    // Another learner is not held back by this one.
    const other = new Browser()
    const theirs = await other.start(slug)
    await answer(other, `/attempts/${theirs}`, theirs, 1)
    expect((await report(other, `/attempts/${theirs}/q/1`, { reason: 'unclear' })).status).toBe(303)
  })

  it('in exam mode, opens once the attempt is finished and the feedback shown', async () => {
    const slug = await createSet({
      questionIds: idsOfType('single').slice(0, 2),
      settings: { feedback: 'end' },
    })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
    await expectPage(await learner.get(`/attempts/${attemptId}/q/1/report`), 403)
    await answer(learner, `/attempts/${attemptId}`, attemptId, 2)
    const results = await expectPage(await learner.get(`/attempts/${attemptId}/results`), 200)
    expect(results).toContain(`href="/attempts/${attemptId}/q/1/report"`)
    await expectPage(await learner.get(`/attempts/${attemptId}/q/1/report`), 200)
  })
})

describe('reporting inside an embed (no cookies)', () => {
  it('works with the attempt token alone, for a bank set, and shows the report on the embedded results', async () => {
    const slug = 'alliances-trade-sanctions'
    // Each request from a fresh browser: nothing but the token in the URL carries the attempt.
    const started = await new Browser().postForm(`/embed/${slug}/start`, {})
    const base = /^(\/embed\/a\/[A-Za-z0-9_-]+)\/q\/1$/.exec(started.headers.get('location') ?? '')?.[1] ?? ''
    expect(base).not.toBe('')
    const token = base.split('/').pop() ?? ''
    const attemptId = (
      await sql('select id from attempts where access_token_hash = ?', await hashAccessToken(token)).first<{
        id: string
      }>()
    )?.id
    if (!attemptId) throw new Error('no embedded attempt')
    await expectPage(await new Browser().get(`${base}/q/1/report`), 403)
    await answer(new Browser(), base, attemptId, 1)
    const feedback = await expectPage(await new Browser().get(`${base}/q/1`), 200)
    expect(feedback).toContain(`href="${base}/q/1/report"`)
    const page = await new Browser().get(`${base}/q/1/report`)
    await expectPage(page, 200)
    // Framed like every embed page of the set, and no cookie set.
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors')
    expect(page.headers.getSetCookie()).toEqual([])
    const sent = await report(new Browser(), `${base}/q/1`, {
      reason: 'wrong_answer',
      comment: 'From the embed.',
    })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe(`${base}/q/1/report?sent=1`)
    expect(sent.headers.getSetCookie()).toEqual([])
    const rows = (await reportsOf(slug)).filter((row) => row.attempt_id === attemptId)
    expect(rows).toMatchObject([{ reason: 'wrong_answer', comment: 'From the embed.' }])

    const total = (await storedAttempt(attemptId)).questionIds.length
    for (let position = 2; position <= total; position++)
      await answer(new Browser(), base, attemptId, position)
    const results = visibleText(await expectPage(await new Browser().get(`${base}/results`), 200))
    expect(results).toContain('You reported: The answer is wrong')
    expect(results).toContain('From the embed.')
  })
})

describe('reports in the studio', () => {
  it('links a report on the instructor’s own question to its regrade form', async () => {
    const owner = await instructor('reports-regrade')
    const slug = await newSet(owner, 'Own reported set')
    expect((await owner.postForm(`/studio/sets/${slug}/questions/new`, trueFalseForm())).status).toBe(303)
    expect((await owner.postForm(`/studio/sets/${slug}/publish`, {})).status).toBe(303)
    await sql("update quiz_sets set visibility = 'unlisted' where slug = ?", slug).run()
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    const [questionId] = await ownQuestionIds(slug)
    const stored = await sql('select body from questions where id = ?', questionId ?? '').first<{
      body: string
    }>()
    const own = JSON.parse(stored?.body ?? '{}') as Question
    const answered = await learner.postForm(
      `/attempts/${attemptId}/q/1`,
      formFieldsFor(own, wrongAnswer(own, await learnerIdOf(own.id))),
    )
    expect(answered.status).toBe(303)
    await report(learner, `/attempts/${attemptId}/q/1`, { reason: 'wrong_answer', comment: '' })
    const html = await expectPage(await owner.get(`/studio/sets/${slug}/reports`), 200)
    const regradeHref = /href="(\/studio\/sets\/[^"]+\/regrade)"/.exec(html)?.[1]
    expect(regradeHref).toBe(`/studio/sets/${slug}/questions/${questionId}/regrade`)
    expect(visibleText(await expectPage(await owner.get(regradeHref ?? ''), 200))).toContain('Regrade')
  })

  it('lists reports per question for the owner only, escaped, with counts by reason', async () => {
    const owner = await instructor('reports-owner')
    const slug = await publishedStudioSet(owner)
    const learners = [new Browser(), new Browser(), new Browser()]
    const comments = ['<img src=x onerror=alert(1)>', 'The date is wrong.', '']
    const reasons = ['wrong_answer', 'wrong_answer', 'unclear']
    for (const [index, learner] of learners.entries()) {
      const attemptId = await learner.start(slug)
      await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
      await report(learner, `/attempts/${attemptId}/q/1`, {
        reason: reasons[index] ?? 'other',
        comment: comments[index] ?? '',
      })
    }
    const html = await expectPage(await owner.get(`/studio/sets/${slug}/reports`), 200)
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)>')
    const text = visibleText(html)
    expect(text).toContain('3 open of 3 reports on 1 question.')
    expect(text).toContain('The answer is wrong: 2')
    expect(text).toContain('The wording is unclear: 1')
    expect(text).toContain('The date is wrong.')
    // No learner id reaches the instructor.
    for (const learner of learners) expect(html).not.toContain(learner.learnerId ?? 'none')
    // A bank question is fixed in questions/, not regraded: no regrade link.
    expect(html).not.toContain('/regrade"')

    // Another instructor: the page and every action are 404s, and nothing changes.
    const other = await instructor('reports-other')
    await expectPage(await other.get(`/studio/sets/${slug}/reports`), 404)
    const [row] = await reportsOf(slug)
    const id = row?.id ?? ''
    await expectPage(await other.postForm(`/studio/sets/${slug}/reports/${id}/resolve`, {}), 404)
    await expectPage(await other.postForm(`/studio/sets/${slug}/reports/${id}/reply`, { reply: 'Mine' }), 404)
    // A report of another set, named under one's own set, is a 404 too.
    const theirSet = await publishedStudioSet(other, 1)
    await expectPage(await other.postForm(`/studio/sets/${theirSet}/reports/${id}/resolve`, {}), 404)
    await expectPage(await owner.postForm(`/studio/sets/${slug}/reports/not-a-report/resolve`, {}), 404)
    expect((await reportsOf(slug)).map((report) => [report.status, report.reply])).toEqual([
      ['open', null],
      ['open', null],
      ['open', null],
    ])
    // A bank set has no owner: its reports page is a 404 like any set one does not own.
    await expectPage(await owner.get('/studio/sets/alliances-trade-sanctions/reports'), 404)
  })

  it('shows a reply to the learner who reported only, and resolves and reopens', async () => {
    const owner = await instructor('reports-reply')
    const slug = await publishedStudioSet(owner, 2)
    const reporter = new Browser()
    const bystander = new Browser()
    const attempts = new Map<Browser, string>()
    for (const learner of [reporter, bystander]) attempts.set(learner, await learner.start(slug))
    const reporterAttempt = attempts.get(reporter) ?? ''
    await answer(reporter, `/attempts/${reporterAttempt}`, reporterAttempt, 1)
    await report(reporter, `/attempts/${reporterAttempt}/q/1`, { reason: 'unclear', comment: 'Secret note' })
    const [row] = await reportsOf(slug)
    const id = row?.id ?? ''

    // A reply over the limit: 400, the typed text kept beside its report.
    const long = 'r'.repeat(1001)
    const refused = await expectPage(
      await owner.postForm(`/studio/sets/${slug}/reports/${id}/reply`, { reply: long }),
      400,
    )
    expect(visibleText(refused)).toContain('Keep the reply under 1000 characters.')
    expect(refused).toContain(long)

    const replied = await owner.postForm(`/studio/sets/${slug}/reports/${id}/reply`, {
      reply: 'Good catch: fixed & regraded.',
    })
    expect(replied.status).toBe(303)
    expect(replied.headers.get('location')).toBe(
      `/studio/sets/${slug}/reports?done=report-replied#report-${id}`,
    )

    await finish(reporter, reporterAttempt)
    const bystanderAttempt = attempts.get(bystander) ?? ''
    await finish(bystander, bystanderAttempt)
    const mine = visibleText(
      await expectPage(await reporter.get(`/attempts/${reporterAttempt}/results`), 200),
    )
    expect(mine).toContain('You reported: The wording is unclear')
    expect(mine).toContain('Secret note')
    expect(mine).toContain('Instructor replied: Good catch: fixed & regraded.')
    const theirs = visibleText(
      await expectPage(await bystander.get(`/attempts/${bystanderAttempt}/results`), 200),
    )
    expect(theirs).not.toContain('Instructor replied')
    expect(theirs).not.toContain('Good catch')
    expect(theirs).not.toContain('Secret note')
    expect(theirs).toContain('Report a problem with this question')

    // Resolve, then reopen; the learner sees it resolved in between.
    expect((await owner.postForm(`/studio/sets/${slug}/reports/${id}/resolve`, {})).status).toBe(303)
    expect((await reportsOf(slug))[0]?.status).toBe('resolved')
    expect(visibleText(await (await reporter.get(`/attempts/${reporterAttempt}/results`)).text())).toContain(
      'The author marked it resolved.',
    )
    const listed = visibleText(await (await owner.get(`/studio/sets/${slug}/reports`)).text())
    expect(listed).toContain('0 open of 1 report on 1 question.')
    expect(listed).toContain('Resolved')
    expect((await owner.postForm(`/studio/sets/${slug}/reports/${id}/reopen`, {})).status).toBe(303)
    expect((await reportsOf(slug))[0]?.status).toBe('open')
    // An empty reply removes it.
    await owner.postForm(`/studio/sets/${slug}/reports/${id}/reply`, { reply: '  ' })
    expect((await reportsOf(slug))[0]?.reply).toBeNull()
  })

  it('counts reports on the results page (with a link), the set page and the dashboard', async () => {
    const owner = await instructor('reports-counts')
    const slug = await publishedStudioSet(owner, 2)
    const [firstId] = idsOfType('single')
    const none = await expectPage(await owner.get(`/studio/sets/${slug}`), 200)
    expect(visibleText(none)).not.toContain('Reports (')
    for (const learner of [new Browser(), new Browser()]) {
      const attemptId = await learner.start(slug)
      await answer(learner, `/attempts/${attemptId}`, attemptId, 1, true)
      await report(learner, `/attempts/${attemptId}/q/1`, { reason: 'other' })
    }
    const [row] = await reportsOf(slug)
    await owner.postForm(`/studio/sets/${slug}/reports/${row?.id}/resolve`, {})

    const results = await expectPage(await owner.get(`/studio/sets/${slug}/results`), 200)
    expect(results).toContain(`href="/studio/sets/${slug}/reports#q-${firstId}"`)
    expect(visibleText(results)).toContain('2 reports (1 open)')
    const reportsPage = await expectPage(await owner.get(`/studio/sets/${slug}/reports`), 200)
    expect(reportsPage).toContain(`id="q-${firstId}"`)

    expect(visibleText(await (await owner.get(`/studio/sets/${slug}`)).text())).toContain('Reports (1 open)')
    const dashboard = await expectPage(await owner.get('/studio'), 200)
    expect(dashboard).toContain(`href="/studio/sets/${slug}/reports"`)
    expect(visibleText(dashboard)).toContain('1 open reports on Reported set')
  })
})

describe('wiping a learner', () => {
  it('deletes their reports with the rest of their data', async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 2) })
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    await answer(learner, `/attempts/${attemptId}`, attemptId, 1)
    await report(learner, `/attempts/${attemptId}/q/1`, { reason: 'unclear' })
    expect(await reportsOf(slug)).toHaveLength(1)
    expect((await learner.postForm('/progress/wipe', { confirm: 'yes' })).status).toBe(303)
    expect(await reportsOf(slug)).toEqual([])
  })
})
