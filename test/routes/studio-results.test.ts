import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Answer } from '../../src/quiz/answer'
import { optionId } from '../../src/quiz/option-id'
import type { Question, QuestionOf } from '../../src/quiz/question'
import {
  insertAttempt,
  insertLearner,
  insertResponse,
  insertSet,
  insertSetQuestions,
  insertSetVersion,
  testDb,
} from '../support/fixtures'
import { correctAnswer, expectPage, firstOfType, visibleText } from '../support/helpers'
import { freshEmail, InstructorBrowser } from '../support/studio-helpers'

const MINUTE = 60_000
const DAY1 = Date.parse('2026-03-02T09:00:00Z')
const DAY2 = Date.parse('2026-03-04T09:00:00Z')
const EVIL_NAME = '=HYPERLINK("http://evil.example","x")'

const q1 = firstOfType('single').question as QuestionOf<'single'>
const q2 = firstOfType('true_false').question as QuestionOf<'true_false'>
const q3 = firstOfType('text').question as QuestionOf<'text'>
const [wrongChoice = '', otherWrongChoice = ''] = q1.choices.filter((choice) => choice !== q1.answer)

const pick = (text: string): Answer => ({ choice: optionId(q1.id, 'choice', text) })
const right = (question: Question) => ({ question, answer: correctAnswer(question), correct: true })
const wrong = (question: Question, answer: Answer) => ({ question, answer, correct: false })
type Given = ReturnType<typeof right>

/** Inserts a set owned by `ownerId` with q1–q3, published as version 1 with a pass mark of 50. */
async function insertResultsSet(slug: string, ownerId: string): Promise<void> {
  const ids: [string, ...string[]] = [q1.id, q2.id, q3.id]
  const title = `Results of ${slug}`
  await testDb.batch([
    insertSet({
      slug,
      title,
      description: 'For results tests',
      ownerId,
      settings: { passMark: 50 },
      publishedVersion: 1,
    }),
    insertSetQuestions(slug, ids),
    insertSetVersion({
      setSlug: slug,
      title,
      settings: { passMark: 50 },
      questionIds: ids,
      publishedAt: new Date(DAY1),
    }),
  ])
}

async function insertNamedLearner(displayName: string | null): Promise<string> {
  const id = crypto.randomUUID()
  await insertLearner({ id, displayName })
  return id
}

/** Inserts an attempt with its responses; completed `minutes` after it started, or null while in progress. */
async function insertAttemptWith(
  slug: string,
  learnerId: string,
  startedAt: number,
  minutes: number | null,
  given: Given[],
): Promise<string> {
  const id = crypto.randomUUID()
  await testDb.batch([
    insertAttempt({
      id,
      setSlug: slug,
      learnerId,
      questionIds: [q1.id, q2.id, q3.id],
      startedAt: new Date(startedAt),
      completedAt: minutes === null ? null : new Date(startedAt + minutes * MINUTE),
      answeredCount: given.length,
      score: given.filter((answer) => answer.correct).length,
      setVersion: 1,
    }),
    ...given.map((answer, index) =>
      insertResponse({
        attemptId: id,
        questionId: answer.question.id,
        answer: answer.answer,
        correct: answer.correct,
        answeredAt: new Date(startedAt + (index + 1) * 1000),
      }),
    ),
  ])
  return id
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += char
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}

/** The body as UTF-8 text, asserting it starts with a byte-order mark (which it drops). */
async function csvText(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

/** The CSV as records keyed by the header's column names. */
function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text)
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])))
}

const owner = new InstructorBrowser()
const slug = `results-${crypto.randomUUID().slice(0, 8)}`
const learners = { evil: '', anonymous: '', bea: '' }

beforeAll(async () => {
  const email = freshEmail('results')
  await owner.signUp(email)
  const row = await env.DB.prepare('select id from instructors where email = ?')
    .bind(email)
    .first<{ id: string }>()
  await insertResultsSet(slug, row?.id ?? '')
  learners.evil = await insertNamedLearner(EVIL_NAME)
  learners.anonymous = await insertNamedLearner(null)
  learners.bea = await insertNamedLearner('Bea')
  // Completed: 100 %, 67 %, 67 % then 33 % (Bea's last); pass mark 50 -> 3 of 4 pass.
  // Durations 2, 4, 10 and 6 minutes -> median 5 min.
  await insertAttemptWith(slug, learners.evil, DAY1, 2, [right(q1), right(q2), right(q3)])
  await insertAttemptWith(slug, learners.anonymous, DAY1 + 60 * MINUTE, 4, [
    right(q1),
    right(q2),
    wrong(q3, { text: 'Moscow' }),
  ])
  await insertAttemptWith(slug, learners.bea, DAY1 + 120 * MINUTE, 10, [
    right(q1),
    right(q2),
    wrong(q3, { text: 'Astana' }),
  ])
  await insertAttemptWith(slug, learners.bea, DAY2, 6, [
    wrong(q1, pick(wrongChoice)),
    right(q2),
    wrong(q3, { text: 'Moscow' }),
  ])
  // In progress: counted as an attempt, left out of scores and question statistics.
  await insertAttemptWith(slug, learners.anonymous, DAY2 + 60 * MINUTE, null, [
    wrong(q1, pick(otherWrongChoice)),
  ])
})

describe('the results dashboard', () => {
  it('shows the headline figures of completed attempts', async () => {
    const html = await expectPage(await owner.get(`/studio/sets/${slug}/results`), 200)
    const text = visibleText(html)
    expect(text).toContain(`Results: Results of ${slug}`)
    expect(text).toMatch(
      /Attempts 5 Completed 4 Learners 3 Mean score 67 % Pass rate 75 % Median time 5 min 00 s/,
    )
    expect(text).toContain('pass mark 50 %')
  })

  it('draws both charts as SVG with a table alternative', async () => {
    const html = await (await owner.get(`/studio/sets/${slug}/results`)).text()
    expect(html.match(/<svg [^>]*aria-hidden="true"/g)).toHaveLength(2)
    const text = visibleText(html)
    // Attempts per day: 3 on 2 March, none on the 3rd, 2 on the 4th.
    expect(text).toContain('2 Mar 2026 3 3 Mar 2026 0 4 Mar 2026 2')
    // Scores: 33 % in the 30s, two 67 % in the 60s, 100 % in the last bin.
    expect(text).toContain('30 to 39 % 1')
    expect(text).toContain('60 to 69 % 2')
    expect(text).toContain('90 to 100 % 1')
  })

  it('lists facility, discrimination and the most chosen wrong answer per question', async () => {
    const text = visibleText(await (await owner.get(`/studio/sets/${slug}/results`)).text())
    // q1: x = 1,1,1,0 against rest scores 2,1,1,1 -> r = 1/3.
    expect(text).toContain(`1 ${q1.prompt} 4 75 % 0.33 ${wrongChoice} (1)`)
    // q2: everyone right -> discrimination undefined.
    expect(text).toContain(`2 ${q2.prompt} 4 100 % — —`)
    // q3: x = 1,0,0,0 against rest scores 2,2,2,1 -> r = 1/3; "Moscow" twice.
    expect(text).toContain(`3 ${q3.prompt} 4 25 % 0.33 Moscow (2)`)
    expect(text).not.toContain(otherWrongChoice ? `${otherWrongChoice} (1)` : 'never')
  })

  it('lists each learner with attempts, best and last score, names escaped', async () => {
    const html = await (await owner.get(`/studio/sets/${slug}/results`)).text()
    const text = visibleText(html)
    // An anonymous learner is named by a per-set pseudonym, never by (part of) their cookie.
    expect(text).toMatch(/Anonymous [\w-]{12} 2 \(1 in progress\) 67 % 67 %/)
    expect(html).not.toContain(learners.anonymous.slice(0, 8))
    expect(text).toContain('Bea 2 67 % 33 %')
    expect(text).toContain(`${EVIL_NAME} 1 100 % 100 %`)
    expect(html).not.toContain('<a href="http://evil.example"')
  })
})

describe('the CSV exports', () => {
  it('gives one row per attempt, as an attachment, with formula cells defused', async () => {
    const response = await owner.get(`/studio/sets/${slug}/results/attempts.csv`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-attempts.csv"`)
    const body = await csvText(response)
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    const records = csvRecords(body)
    expect(records).toHaveLength(5)
    for (const id of Object.values(learners)) expect(body).not.toContain(id)
    const evil = records.find((record) => record.learner === `'${EVIL_NAME}`)
    expect(evil?.learner_pseudonym).toMatch(/^[\w-]{12}$/)
    expect(evil).toMatchObject({
      learner: `'${EVIL_NAME}`,
      set_version: '1',
      started_at: new Date(DAY1).toISOString(),
      completed_at: new Date(DAY1 + 2 * MINUTE).toISOString(),
      answered: '3',
      questions: '3',
      points: '3',
      percent: '100',
      passed: 'true',
      duration_seconds: '120',
    })
    const inProgress = records.find((record) => record.completed_at === '')
    expect(inProgress).toMatchObject({ percent: '', passed: '' })
    expect(inProgress?.learner).toBe(`Anonymous ${inProgress?.learner_pseudonym}`)
    expect(records.filter((record) => record.passed === 'false').map((record) => record.percent)).toEqual([
      '33.33',
    ])
  })

  it('gives one row per answer with the answer as text', async () => {
    const response = await owner.get(`/studio/sets/${slug}/results/responses.csv`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-responses.csv"`)
    const records = csvRecords(await csvText(response))
    expect(records).toHaveLength(13)
    const bea = records.filter((record) => record.learner === 'Bea')
    expect(bea).toHaveLength(6)
    expect(bea.find((record) => record.answer === wrongChoice)).toMatchObject({
      question_id: q1.id,
      question: q1.prompt,
      correct: 'false',
      points: '0',
      // How the answer was reached (sets allowing several tries or charging hints): here one try, no hint.
      tries: '1',
      hints: '0',
    })
    expect(records.filter((record) => record.answer === 'Moscow')).toHaveLength(2)
    expect(records.filter((record) => record.learner === `'${EVIL_NAME}`)).toHaveLength(3)
  })
})

describe('a large set', () => {
  it('streams every attempt and answer across several D1 pages', async () => {
    const bigSlug = `results-big-${crypto.randomUUID().slice(0, 8)}`
    const row = await env.DB.prepare('select owner_id from quiz_sets where slug = ?')
      .bind(slug)
      .first<{ owner_id: string }>()
    await insertResultsSet(bigSlug, row?.owner_id ?? '')
    const learner = await insertNamedLearner('Many')
    const count = 600
    const statements = []
    for (let index = 0; index < count; index++) {
      const id = crypto.randomUUID()
      statements.push(
        insertAttempt({
          id,
          setSlug: bigSlug,
          learnerId: learner,
          questionIds: [q1.id, q2.id, q3.id],
          startedAt: new Date(DAY1 + index),
          completedAt: new Date(DAY1 + index + MINUTE),
          answeredCount: 1,
          score: 1,
          setVersion: 1,
        }),
      )
      // Every third attempt has no answer: it must still move the paging on.
      if (index % 3)
        statements.push(
          insertResponse({
            attemptId: id,
            questionId: q2.id,
            answer: correctAnswer(q2),
            correct: true,
            answeredAt: new Date(DAY1 + index),
          }),
        )
    }
    const [first, ...rest] = statements
    if (first) await testDb.batch([first, ...rest])
    const attemptRows = csvRecords(
      await csvText(await owner.get(`/studio/sets/${bigSlug}/results/attempts.csv`)),
    )
    expect(new Set(attemptRows.map((record) => record.attempt_id)).size).toBe(count)
    const answerRows = csvRecords(
      await csvText(await owner.get(`/studio/sets/${bigSlug}/results/responses.csv`)),
    )
    expect(answerRows).toHaveLength(400)
    expect(new Set(answerRows.map((record) => record.attempt_id)).size).toBe(400)
  })
})

describe('the learner table', () => {
  it('shows 50 learners a page, most recently active first, with links between pages', async () => {
    const pagedSlug = `results-paged-${crypto.randomUUID().slice(0, 8)}`
    const row = await env.DB.prepare('select owner_id from quiz_sets where slug = ?')
      .bind(slug)
      .first<{ owner_id: string }>()
    await insertResultsSet(pagedSlug, row?.owner_id ?? '')
    for (let index = 0; index < 55; index++) {
      const learner = await insertNamedLearner(`Pupil ${String(index).padStart(2, '0')}`)
      await insertAttemptWith(pagedSlug, learner, DAY1 + index * MINUTE, 1, [right(q2)])
    }
    const first = await (await owner.get(`/studio/sets/${pagedSlug}/results`)).text()
    expect(first.match(/<th scope="row">Pupil \d\d<\/th>/g)).toHaveLength(50)
    expect(visibleText(first)).toContain('Page 1 of 2, most recently active first.')
    expect(visibleText(first)).toContain('Pupil 54 1 33 % 33 %')
    expect(first).toContain(`href="/studio/sets/${pagedSlug}/results?page=2"`)
    const second = await (await owner.get(`/studio/sets/${pagedSlug}/results?page=2`)).text()
    expect(second.match(/<th scope="row">Pupil \d\d<\/th>/g)).toEqual(
      [0, 1, 2, 3, 4].reverse().map((n) => `<th scope="row">Pupil 0${n}</th>`),
    )
    expect((await owner.get(`/studio/sets/${pagedSlug}/results?page=0`)).status).toBe(400)
  })
})

describe('access', () => {
  const paths = ['', '/attempts.csv', '/responses.csv'].map((end) => `/studio/sets/${slug}/results${end}`)

  it('answers 404 to another instructor, for the page and both CSVs', async () => {
    const other = new InstructorBrowser()
    await other.signUp(freshEmail('other'))
    for (const path of paths) expect((await other.get(path)).status).toBe(404)
  })

  it('answers 404 for a bank set, which no instructor owns', async () => {
    const slugOfBank = firstOfType('single').slug
    expect((await owner.get(`/studio/sets/${slugOfBank}/results`)).status).toBe(404)
  })

  it('sends a signed-out visitor to sign in, coming back afterwards', async () => {
    const stranger = new InstructorBrowser()
    for (const path of paths) {
      const response = await stranger.get(path)
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe(`/studio/signin?next=${encodeURIComponent(path)}`)
    }
  })
})

describe('attempts played in a live session', () => {
  it('are marked Live with the session date on the dashboard and `live` in both CSVs', async () => {
    const liveSlug = `results-live-${crypto.randomUUID().slice(0, 8)}`
    const row = await env.DB.prepare('select owner_id from quiz_sets where slug = ?')
      .bind(slug)
      .first<{ owner_id: string }>()
    await insertResultsSet(liveSlug, row?.owner_id ?? '')
    const alone = await insertNamedLearner('Solo')
    const player = await insertNamedLearner('Zed')
    await insertAttemptWith(liveSlug, alone, DAY1, 5, [right(q1)])
    const sessionId = crypto.randomUUID()
    const liveAttempt = crypto.randomUUID()
    await testDb.batch([
      insertAttempt({
        id: liveAttempt,
        setSlug: liveSlug,
        learnerId: player,
        questionIds: [q1.id, q2.id, q3.id],
        startedAt: new Date(DAY2),
        completedAt: new Date(DAY2 + MINUTE),
        answeredCount: 1,
        score: 1,
        setVersion: 1,
        liveSessionId: sessionId,
      }),
      insertResponse({ attemptId: liveAttempt, questionId: q2.id, answer: correctAnswer(q2), correct: true }),
    ])

    const html = await expectPage(await owner.get(`/studio/sets/${liveSlug}/results`), 200)
    const text = visibleText(html)
    expect(text).toContain('Zed Live, 4 Mar 2026 1 33 % 33 %')
    expect(text).toContain('Solo 1 33 % 33 %')
    expect(text).not.toContain('Solo Live')
    expect(text).toContain('1 of the attempts were played in live sessions')

    const attemptRows = csvRecords(
      await csvText(await owner.get(`/studio/sets/${liveSlug}/results/attempts.csv`)),
    )
    expect(attemptRows.map((record) => [record.learner, record.mode, record.live_session_id]).sort()).toEqual(
      [
        ['Solo', 'self-paced', ''],
        ['Zed', 'live', sessionId],
      ],
    )
    const answerRows = csvRecords(
      await csvText(await owner.get(`/studio/sets/${liveSlug}/results/responses.csv`)),
    )
    expect(answerRows.map((record) => [record.learner, record.mode, record.live_session_id]).sort()).toEqual([
      ['Solo', 'self-paced', ''],
      ['Zed', 'live', sessionId],
    ])
  })
})
