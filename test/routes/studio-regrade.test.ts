import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDb } from '../../src/db/client'
import { getRegrade } from '../../src/db/regrades'
import { quizSets } from '../../src/db/schema'
import type { Answer } from '../../src/quiz/answer'
import { optionId } from '../../src/quiz/option-id'
import type { Question, QuestionOf } from '../../src/quiz/question'
import { confirmRegrade, continueRegrade, questionFingerprint } from '../../src/services/regrades'
import {
  insertAttempt,
  insertLearner,
  insertQuestion,
  insertResponse,
  insertSet,
  insertSetQuestions,
  insertSetVersion,
  testDb,
  uniqueSuffix,
} from '../support/fixtures'
import { Browser, expectPage, firstOfType, visibleText } from '../support/helpers'
import { TestPlatform } from '../support/lti-platform'
import { freshEmail, InstructorBrowser, sql } from '../support/studio-helpers'

const bankSingle = firstOfType('single').question as QuestionOf<'single'>
const bankTrueFalse = firstOfType('true_false').question as QuestionOf<'true_false'>
const bankText = firstOfType('text').question as QuestionOf<'text'>

type Given = { question: Question; answer: Answer; correct: boolean }

/** A set of the instructor's own copies of three bank questions, published as version 1 (pass mark 50). */
async function ownSet(ownerId: string) {
  const suffix = uniqueSuffix()
  const single: QuestionOf<'single'> = { ...bankSingle, id: `q-single-${suffix}` }
  const trueFalse: QuestionOf<'true_false'> = { ...bankTrueFalse, id: `q-tf-${suffix}` }
  const text: QuestionOf<'text'> = { ...bankText, id: `q-text-${suffix}`, accept: [] }
  const slug = `regrade-${suffix}`
  const ids: [string, ...string[]] = [single.id, trueFalse.id, text.id]
  await testDb.batch([
    insertQuestion(single, ownerId),
    insertQuestion(trueFalse, ownerId),
    insertQuestion(text, ownerId),
    insertSet({ slug, ownerId, settings: { passMark: 50 }, publishedVersion: 1, visibility: 'public' }),
    insertSetQuestions(slug, ids),
    insertSetVersion({ setSlug: slug, questionIds: ids, settings: { passMark: 50 } }),
  ])
  const [wrong = '', other = ''] = single.choices.filter((choice) => choice !== single.answer)
  return { slug, single, trueFalse, text, wrong, other, ids }
}

/** An attempt of the set (completed unless `completed` is false) with these answers, scored as stored. */
async function attemptWith(
  slug: string,
  ids: string[],
  given: Given[],
  completed = true,
  learnerId?: string,
) {
  const learner = learnerId ?? crypto.randomUUID()
  if (!learnerId) await insertLearner({ id: learner })
  const id = crypto.randomUUID()
  await testDb.batch([
    insertAttempt({
      id,
      setSlug: slug,
      learnerId: learner,
      questionIds: ids,
      setVersion: 1,
      completedAt: completed ? new Date() : null,
      answeredCount: given.length,
      score: given.filter((answer) => answer.correct).length,
    }),
    ...given.map((answer) =>
      insertResponse({
        attemptId: id,
        questionId: answer.question.id,
        answer: answer.answer,
        correct: answer.correct,
      }),
    ),
  ])
  return { id, learner }
}

const pick = (question: QuestionOf<'single'>, text: string): Answer => ({
  choice: optionId(question.id, 'choice', text),
})

async function scoreOf(attemptId: string): Promise<number> {
  const row = await sql('select score from attempts where id = ?', attemptId).first<{ score: number }>()
  return row?.score ?? Number.NaN
}

/** The hidden fields of the preview's confirm form. */
function confirmFields(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('name="regrade_id"') - 200)
  const fields: Record<string, string | string[]> = {}
  for (const match of form.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)"/g)) {
    const [, name = '', value = ''] = match
    const existing = fields[name]
    fields[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value]
  }
  return fields
}

const owner = new InstructorBrowser()
let ownerId = ''

beforeAll(async () => {
  const email = freshEmail('regrade')
  await owner.signUp(email)
  const row = await sql('select id from instructors where email = ?', email).first<{ id: string }>()
  ownerId = row?.id ?? ''
})

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Four finished attempts and one in progress, answering the single choice question in every way. */
async function classOf(set: Awaited<ReturnType<typeof ownSet>>) {
  const { single, trueFalse, slug, ids } = set
  const tfRight: Given = { question: trueFalse, answer: { value: trueFalse.answer }, correct: true }
  const tfWrong: Given = { question: trueFalse, answer: { value: !trueFalse.answer }, correct: false }
  const chose = (text: string): Given => ({
    question: single,
    answer: pick(single, text),
    correct: text === single.answer,
  })
  return {
    // Out of 3 at a pass mark of 50 %: 1 point fails, 2 pass.
    nowPasses: await attemptWith(slug, ids, [chose(set.wrong), tfRight]),
    nowFails: await attemptWith(slug, ids, [chose(single.answer), tfRight]),
    stays: await attemptWith(slug, ids, [chose(set.other), tfRight]),
    lowerScore: await attemptWith(slug, ids, [chose(single.answer), tfWrong]),
    inProgress: await attemptWith(slug, ids, [chose(set.wrong)], false),
  }
}

describe('regrade preview', () => {
  it('counts the attempts that change, pass and fail, and writes nothing', async () => {
    const set = await ownSet(ownerId)
    const attempts = await classOf(set)
    const base = `/studio/sets/${set.slug}/questions/${set.single.id}/regrade`
    const form = await expectPage(await owner.get(base), 200)
    expect(visibleText(form)).toContain('Current key')
    const response = await owner.postForm(`${base}/preview`, {
      mode: 'key',
      answer: String(set.single.choices.indexOf(set.wrong)),
      reason: 'The source names the other option.',
    })
    const html = await expectPage(response, 200)
    // Score 1 → 2 of 3 passes at 50 %; 2 → 1 fails; 1 → 0 was failing already; in progress has no pass state.
    expect(visibleText(html)).toContain('4 attempts will change, 1 will now pass, 1 will now fail.')
    expect(await scoreOf(attempts.nowPasses.id)).toBe(1)
    expect(await scoreOf(attempts.nowFails.id)).toBe(2)
    const stored = await sql('select body from questions where id = ?', set.single.id).first<{
      body: string
    }>()
    expect(JSON.parse(stored?.body ?? '{}').answer).toBe(set.single.answer)
  })

  it('keeps what was typed and says what is wrong', async () => {
    const set = await ownSet(ownerId)
    const base = `/studio/sets/${set.slug}/questions/${set.text.id}/regrade`
    const noMode = await expectPage(
      await owner.postForm(`${base}/preview`, { reason: 'Typo in the key' }),
      400,
    )
    expect(visibleText(noMode)).toContain('Choose how to regrade.')
    expect(noMode).toContain('Typo in the key')
    const noReason = await expectPage(
      await owner.postForm(`${base}/preview`, { mode: 'accept', also: 'Nur-Sultan' }),
      400,
    )
    expect(visibleText(noReason)).toContain('Say why')
    expect(noReason).toContain('Nur-Sultan')
    const same = await expectPage(
      await owner.postForm(`${base}/preview`, { mode: 'key', answer: set.text.answer, reason: 'Same' }),
      400,
    )
    expect(visibleText(same)).toContain('The new key is the same as the old one.')
    const confirmWithoutPreview = await owner.postForm(base, { mode: 'full_marks', reason: 'x' })
    expect(confirmWithoutPreview.status).toBe(400)
  })
})

describe('regrade confirm', () => {
  it('applies the new key: scores, the attempts CSV, the log, and a learner note', async () => {
    const set = await ownSet(ownerId)
    const attempts = await classOf(set)
    const base = `/studio/sets/${set.slug}/questions/${set.single.id}/regrade`
    const preview = await expectPage(
      await owner.postForm(`${base}/preview`, {
        mode: 'key',
        answer: String(set.single.choices.indexOf(set.wrong)),
        reason: 'The source names the other option',
      }),
      200,
    )
    const fields = confirmFields(preview)
    const confirmed = await owner.postForm(base, fields)
    expect(confirmed.status).toBe(303)
    const location = confirmed.headers.get('location') ?? ''
    expect(location).toMatch(new RegExp(`^/studio/sets/${set.slug}/regrades/[0-9a-f-]{36}\\?done=regraded$`))
    expect(await scoreOf(attempts.nowPasses.id)).toBe(2)
    expect(await scoreOf(attempts.nowFails.id)).toBe(1)
    expect(await scoreOf(attempts.stays.id)).toBe(1)
    expect(await scoreOf(attempts.lowerScore.id)).toBe(0)
    expect(await scoreOf(attempts.inProgress.id)).toBe(1)

    const csv = await (await owner.get(`/studio/sets/${set.slug}/results/attempts.csv`)).text()
    // Text fields are quoted: the 9th field is the points, now 2 of 3, and the attempt passes.
    const line = csv.split('\r\n').find((row) => row.startsWith(`"${attempts.nowPasses.id}"`)) ?? ''
    expect(line.split(',').slice(8, 11)).toEqual(['2', '66.67', 'true'])

    const page = await expectPage(await owner.get(location), 200)
    expect(visibleText(page)).toContain('The source names the other option')
    expect(visibleText(page)).toContain('4 attempts changed, 1 now passing, 1 now failing.')

    // A second POST of the same form (a double click) changes nothing more.
    const again = await owner.postForm(base, fields)
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe(location)
    const logged = await sql(
      'select count(*) as n from regrades where question_id = ?',
      set.single.id,
    ).first<{
      n: number
    }>()
    expect(logged?.n).toBe(1)
    const rows = await sql(
      'select count(*) as n from regrade_responses where attempt_id in (select id from attempts where set_slug = ?)',
      set.slug,
    ).first<{ n: number }>()
    expect(rows?.n).toBe(5)
    expect(await scoreOf(attempts.nowPasses.id)).toBe(2)

    // The learner whose attempt changed reads the note on their results.
    const learner = new Browser()
    learner.cookies.set('cited_learner', attempts.nowPasses.learner)
    const results = visibleText(
      await expectPage(await learner.get(`/attempts/${attempts.nowPasses.id}/results`), 200),
    )
    expect(results).toMatch(
      /This question was regraded on \d{1,2} \w+ \d{4} \(UTC\): The source names the other option\./,
    )
    expect(results).toContain('Your points on it: 0 → 1.')
    expect(results).toContain('regraded')
  })

  it('accepts an additional answer of a text question', async () => {
    const set = await ownSet(ownerId)
    const typed = (text: string): Given => ({ question: set.text, answer: { text }, correct: false })
    const variant = await attemptWith(set.slug, set.ids, [typed('Nur-Sultan')])
    const wrong = await attemptWith(set.slug, set.ids, [typed('Almaty')])
    const base = `/studio/sets/${set.slug}/questions/${set.text.id}/regrade`
    const preview = await expectPage(
      await owner.postForm(`${base}/preview`, {
        mode: 'accept',
        also: 'nur-sultan',
        reason: 'Its old name counts.',
      }),
      200,
    )
    expect(visibleText(preview)).toContain('1 attempt will change.')
    expect((await owner.postForm(base, confirmFields(preview))).status).toBe(303)
    expect(await scoreOf(variant.id)).toBe(1)
    expect(await scoreOf(wrong.id)).toBe(0)
    const body = await sql('select body from questions where id = ?', set.text.id).first<{ body: string }>()
    expect(JSON.parse(body?.body ?? '{}').accept).toEqual(['nur-sultan'])
  })

  it('gives everyone full marks, once', async () => {
    const set = await ownSet(ownerId)
    const wrongAnswer: Given = {
      question: set.trueFalse,
      answer: { value: !set.trueFalse.answer },
      correct: false,
    }
    const before = await attemptWith(set.slug, set.ids, [wrongAnswer])
    const base = `/studio/sets/${set.slug}/questions/${set.trueFalse.id}/regrade`
    const preview = await expectPage(
      await owner.postForm(`${base}/preview`, { mode: 'full_marks', reason: 'The statement was ambiguous.' }),
      200,
    )
    expect((await owner.postForm(base, confirmFields(preview))).status).toBe(303)
    expect(await scoreOf(before.id)).toBe(1)
    const points = await sql('select points, correct from responses where attempt_id = ?', before.id).first<{
      points: number
      correct: number
    }>()
    expect(points).toEqual({ points: 1, correct: 1 })
    // Full marks once is enough: a second full-marks regrade is refused.
    const twice = await owner.postForm(`${base}/preview`, { mode: 'full_marks', reason: 'Again' })
    expect(visibleText(await expectPage(twice, 400))).toContain('Everyone already has full marks')
  })

  it('leaves nothing of a learner who deletes their data, and keeps the regrade', async () => {
    const set = await ownSet(ownerId)
    const mine = await attemptWith(set.slug, set.ids, [
      { question: set.single, answer: pick(set.single, set.wrong), correct: false },
    ])
    const base = `/studio/sets/${set.slug}/questions/${set.single.id}/regrade`
    const preview = await expectPage(
      await owner.postForm(`${base}/preview`, { mode: 'full_marks', reason: 'x' }),
      200,
    )
    expect((await owner.postForm(base, confirmFields(preview))).status).toBe(303)
    const learner = new Browser()
    learner.cookies.set('cited_learner', mine.learner)
    expect((await learner.postForm('/progress/wipe', { confirm: 'yes' })).status).toBe(303)
    const left = await sql(
      'select count(*) as n from regrade_responses where attempt_id = ?',
      mine.id,
    ).first<{
      n: number
    }>()
    expect(left?.n).toBe(0)
    const logged = await sql(
      'select count(*) as n from regrades where question_id = ?',
      set.single.id,
    ).first<{
      n: number
    }>()
    expect(logged?.n).toBe(1)
  })

  it('refuses a confirm whose question changed since the preview (409)', async () => {
    const set = await ownSet(ownerId)
    const base = `/studio/sets/${set.slug}/questions/${set.single.id}/regrade`
    const preview = await expectPage(
      await owner.postForm(`${base}/preview`, { mode: 'full_marks', reason: 'Broken' }),
      200,
    )
    const stale = { ...confirmFields(preview), basis: '0000000000000000' }
    expect((await owner.postForm(base, stale)).status).toBe(409)
  })

  it('sends the new score again to the LMS for attempts whose score had been sent', async () => {
    const platform = await TestPlatform.create()
    platform.install()
    const teacher = new InstructorBrowser()
    await platform.register(teacher)
    const teacherRow = await sql(
      'select p.owner_id as id, p.id as platform from lti_platforms p where p.issuer = ?',
      platform.issuer,
    ).first<{ id: string; platform: string }>()
    const set = await ownSet(teacherRow?.id ?? '')
    const sent = await attemptWith(set.slug, set.ids, [
      { question: set.single, answer: pick(set.single, set.wrong), correct: false },
    ])
    const notSent = await attemptWith(set.slug, set.ids, [
      { question: set.single, answer: pick(set.single, set.wrong), correct: false },
    ])
    for (const [attempt, status] of [
      [sent.id, 'sent'],
      [notSent.id, 'none'],
    ] as const)
      await sql(
        `insert into lti_launches (id, attempt_id, platform_id, deployment_id, user_sub, resource_link_id, line_item_url, created_at, passback_status)
         values (?, ?, ?, 'deployment-1', 'user-42', 'link-1', ?, 0, ?)`,
        crypto.randomUUID(),
        attempt,
        teacherRow?.platform ?? '',
        platform.urls.lineItem,
        status,
      ).run()
    const base = `/studio/sets/${set.slug}/questions/${set.single.id}/regrade`
    const preview = await expectPage(
      await teacher.postForm(`${base}/preview`, {
        mode: 'accept',
        also: String(set.single.choices.indexOf(set.wrong)),
        reason: 'Both options are right.',
      }),
      200,
    )
    const fields = confirmFields(preview)
    expect((await teacher.postForm(base, fields)).status).toBe(303)
    await vi.waitFor(() => expect(platform.scorePosts).toHaveLength(1))
    expect(platform.scorePosts[0]?.body).toMatchObject({ userId: 'user-42', scoreGiven: 1, scoreMaximum: 3 })
    // The double POST sends nothing again.
    expect((await teacher.postForm(base, fields)).status).toBe(303)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(platform.scorePosts).toHaveLength(1)
  })
})

describe('regrade access', () => {
  it('answers 404 to another instructor, and for a bank question in an own set', async () => {
    const set = await ownSet(ownerId)
    const stranger = new InstructorBrowser()
    await stranger.signUp(freshEmail('stranger'))
    const base = `/studio/sets/${set.slug}/questions/${set.single.id}/regrade`
    expect((await stranger.get(base)).status).toBe(404)
    expect((await stranger.get(`/studio/sets/${set.slug}/regrades`)).status).toBe(404)
    expect(
      (await stranger.postForm(`${base}/preview`, { mode: 'full_marks', reason: 'Mine now' })).status,
    ).toBe(404)
    const preview = await expectPage(
      await owner.postForm(`${base}/preview`, { mode: 'full_marks', reason: 'x' }),
      200,
    )
    expect((await stranger.postForm(base, confirmFields(preview))).status).toBe(404)
    const logged = await sql(
      'select count(*) as n from regrades where question_id = ?',
      set.single.id,
    ).first<{
      n: number
    }>()
    expect(logged?.n).toBe(0)

    await testDb.batch([insertSetQuestions(set.slug, [bankSingle.id])])
    expect((await owner.get(`/studio/sets/${set.slug}/questions/${bankSingle.id}/regrade`)).status).toBe(404)
  })

  it('lists the own questions of the draft and of published versions, with their answer counts, and the log', async () => {
    const set = await ownSet(ownerId)
    await attemptWith(set.slug, set.ids, [
      { question: set.single, answer: pick(set.single, set.wrong), correct: false },
    ])
    // Edited since publishing: the draft no longer holds it, version 1 still does.
    await sql(
      'delete from set_questions where set_slug = ? and question_id = ?',
      set.slug,
      set.single.id,
    ).run()
    const page = visibleText(await expectPage(await owner.get(`/studio/sets/${set.slug}/regrades`), 200))
    expect(page).toContain(`${set.single.prompt} (1 answer)`)
    expect(page).toContain(`${set.trueFalse.prompt} (0 answers)`)
    expect(page).toContain('No regrades yet.')
    expect((await owner.get(`/studio/sets/${set.slug}/questions/${set.single.id}/regrade`)).status).toBe(200)
  })
})

describe('regrade in batches', () => {
  it('stops after its batch budget, says so, and a continue finishes without doing any response twice', async () => {
    const set = await ownSet(ownerId)
    const given = (): Given[] => [
      { question: set.single, answer: pick(set.single, set.wrong), correct: false },
    ]
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await attemptWith(set.slug, set.ids, given())).id)
    const db = createDb(env.DB)
    const [setRow] = await testDb.select().from(quizSets).where(eq(quizSets.slug, set.slug))
    if (!setRow) throw new Error('the set was not stored')
    const first = await confirmRegrade(
      db,
      {
        set: setRow,
        ownerId,
        questionId: set.single.id,
        regradeId: crypto.randomUUID(),
        basis: await questionFingerprint(set.single),
        change: { mode: 'full_marks' },
        reason: 'Broken question',
      },
      new Date(),
      { chunk: 2, maxChunks: 1 },
    )
    expect(first.running).toBe(true)
    const regraded = await Promise.all(ids.map(scoreOf))
    expect(regraded.filter((score) => score === 1)).toHaveLength(2)
    const rest = await continueRegrade(db, first.regrade, { chunk: 2, maxChunks: 10 })
    expect(rest.running).toBe(false)
    expect(await Promise.all(ids.map(scoreOf))).toEqual([1, 1, 1, 1, 1])
    expect((await getRegrade(db, first.regrade.id))?.status).toBe('done')
    const logged = await sql(
      'select count(*) as n from regrade_responses where regrade_id = ?',
      first.regrade.id,
    ).first<{
      n: number
    }>()
    expect(logged?.n).toBe(5)
  })
})
