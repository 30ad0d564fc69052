import { describe, expect, it } from 'vitest'
import type { Question, QuestionType } from '../../src/quiz/question'
import { questionTypes } from '../../src/quiz/question'
import {
  type ApiAnswerResult,
  type ApiAttempt,
  allQuestions,
  Browser,
  bank,
  correctAnswer,
  decodeEntities,
  expectPage,
  firstOfType,
  islandProps,
  keysIn,
  leavesIn,
  publicIdOf,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

/**
 * The answer key must stay on the server until the learner has answered:
 * not in the page, not in the island's props, not in the API. Every question
 * of the bank is checked, so every question type is covered.
 */

/** The only keys a question may carry before it is answered, per type. */
const publicKeys: Record<QuestionType, string[]> = {
  single: ['id', 'type', 'prompt', 'choices'],
  multiple: ['id', 'type', 'prompt', 'choices'],
  true_false: ['id', 'type', 'prompt'],
  numeric: ['id', 'type', 'prompt', 'unit'],
  ordering: ['id', 'type', 'prompt', 'items'],
  matching: ['id', 'type', 'prompt', 'lefts', 'rights'],
  text: ['id', 'type', 'prompt'],
  cloze: ['id', 'type', 'prompt', 'passage', 'gaps'],
}

const keyFields = ['answer', 'accept', 'correct', 'explanation', 'evidence', 'quote', 'tolerance', 'pairs']

type Option = { id: string; text: string }

function asRecord(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected an object')
  return value as Record<string, unknown>
}

function optionsOf(value: unknown): Option[] {
  if (!Array.isArray(value)) throw new Error('expected a list of options')
  return value.map((option) => {
    const record = asRecord(option)
    expect(Object.keys(record).sort()).toEqual(['id', 'text'])
    return { id: String(record.id), text: String(record.text) }
  })
}

/** Asserts that one question as sent to a learner holds the prompt and options and nothing of the key. */
function expectKeyless(sent: unknown, question: Question) {
  const record = asRecord(sent)
  expect(Object.keys(record).sort()).toEqual([...publicKeys[question.type]].sort())
  expect(record.id).toBe(publicIdOf(question.id))
  expect(record.type).toBe(question.type)
  expect(record.prompt).toBe(question.prompt)
  for (const field of keyFields) expect(keysIn(sent)).not.toContain(field)
  // No number anywhere: a numeric answer or a correct index would be one.
  expect(leavesIn(sent).filter((leaf) => typeof leaf === 'number')).toEqual([])
  const strings = leavesIn(sent).filter((leaf): leaf is string => typeof leaf === 'string')
  expect(strings).not.toContain(question.explanation)
  for (const cited of question.evidence) expect(strings).not.toContain(cited.quote)
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const choices = optionsOf(record.choices)
      expect(choices.map((choice) => choice.text).sort()).toEqual([...question.choices].sort())
      break
    }
    case 'numeric':
      expect(record.unit).toBe(question.unit ?? null)
      break
    case 'ordering': {
      const items = optionsOf(record.items).map((item) => item.text)
      // The order is a fair shuffle, which may land on the answer by chance (see public-question.ts).
      expect([...items].sort()).toEqual([...question.items].sort())
      break
    }
    case 'matching': {
      const lefts = optionsOf(record.lefts).map((left) => left.text)
      const rights = optionsOf(record.rights).map((right) => right.text)
      expect(lefts).toEqual(question.pairs.map((pair) => pair.left))
      expect([...rights].sort()).toEqual(question.pairs.map((pair) => pair.right).sort())
      break
    }
    case 'text': {
      // The prompt may use a word of the answer in passing; the authored id is checked on its own below.
      const rest = strings.filter((value) => value !== question.prompt && value !== question.id).join('\n')
      for (const accepted of [question.answer, ...question.accept])
        expect(rest).not.toMatch(wordPattern(accepted))
      break
    }
    case 'cloze': {
      // The words around the gaps, never the words in them; choice gaps offer their choices, shuffled.
      expect((record.passage as unknown[]).join('')).toBe(question.passage.replace(/\{\{\s*\d+\s*\}\}/g, ''))
      const gaps = record.gaps as unknown[]
      expect(gaps).toHaveLength(question.gaps.length)
      question.gaps.forEach((gap, index) => {
        const sentGap = asRecord(gaps[index])
        expect(sentGap.kind).toBe(gap.type)
        if (gap.type === 'choice')
          expect(
            optionsOf(sentGap.choices)
              .map((choice) => choice.text)
              .sort(),
          ).toEqual([...gap.choices].sort())
        else expect(Object.keys(sentGap)).toEqual(['kind'])
      })
      break
    }
  }
}

/** An input named `name` rendered with an empty value (`value` or `value=""`). */
const emptyInput = (name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*\\svalue(=""|(?=[\\s/>]))`)

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `text` as a whole word or phrase, ignoring case. */
const wordPattern = (text: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(text)}(?![\\p{L}\\p{N}])`, 'iu')

/** Asserts that a question page, attributes and island props included, shows nothing of the key. */
function expectPageKeyless(html: string, question: Question, setTitle: string) {
  const decoded = decodeEntities(html)
  for (const haystack of [decoded, visibleText(html)]) {
    expect(haystack).not.toContain(question.explanation)
    for (const cited of question.evidence) expect(haystack).not.toContain(cited.quote)
  }
  expect(html).not.toMatch(/\bchecked\b/)
  expect(html).not.toMatch(/\bselected\b/)
  expect(html).not.toMatch(/data-correct|class="[^"]*correct/)
  // The answer form and its props, once the prompt, the authored id and the set's title are taken out
  // (a title may share a word with an answer: "oil").
  const form = decoded.slice(decoded.indexOf('<div data-island="answer-form"'), decoded.indexOf('</main>'))
  const rest = [question.prompt, JSON.stringify(question.prompt).slice(1, -1), question.id, setTitle].reduce(
    (page, known) => page.split(known).join(' '),
    form,
  )
  switch (question.type) {
    case 'numeric': {
      expect(html).toMatch(emptyInput('value'))
      const figure = escapeRegExp(String(question.answer))
      const grouped = escapeRegExp(question.answer.toLocaleString('en-GB'))
      expect(rest).not.toMatch(new RegExp(`(?<![\\w.,])(${figure}|${grouped})(?![\\w]|[.,]\\d)`))
      break
    }
    case 'text':
      expect(html).toMatch(emptyInput('text'))
      for (const accepted of [question.answer, ...question.accept])
        expect(rest).not.toMatch(wordPattern(accepted))
      break
    case 'ordering': {
      const labels = [...html.matchAll(/<label for="pos-[^"]*">([^<]*)<\/label>/g)].map((match) =>
        visibleText(match[1] ?? ''),
      )
      expect([...labels].sort()).toEqual([...question.items].sort())
      break
    }
    case 'matching': {
      // The matches are listed in full under letters; each item's select offers only the letters.
      const key = /<ol class="match-key"[^>]*>(.*?)<\/ol>/s.exec(html)?.[1] ?? ''
      const rights = [...key.matchAll(/<span class="match-key__text">([^<]*)<\/span>/g)].map((match) =>
        visibleText(match[1] ?? ''),
      )
      expect([...rights].sort()).toEqual(question.pairs.map((pair) => pair.right).sort())
      const firstSelect = /<select id="match-[^"]*"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? ''
      const letters = [...firstSelect.matchAll(/<option value="[^"]+"[^>]*>([^<]*)<\/option>/g)].map(
        (match) => visibleText(match[1] ?? ''),
      )
      expect(letters).toEqual(['A', 'B', 'C', 'D', 'E', 'F'].slice(0, question.pairs.length))
      break
    }
    default:
      break
  }
}

describe('before answering, the key never reaches the browser', () => {
  it('covers every question type', () => {
    expect(new Set(allQuestions.map((question) => question.type))).toEqual(new Set(questionTypes))
  })

  for (const set of bank.sets) {
    it(`in the question pages and island props of ${set.slug}`, async () => {
      const browser = new Browser()
      const attemptId = await browser.start(set.slug)
      for (const [index, question] of set.questions.entries()) {
        const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/${index + 1}`), 200)
        expectPageKeyless(html, question, set.title)
        // Whatever islands the page has, none of their props may carry a key field.
        for (const field of keyFields) expect(keysIn(islandProps(html))).not.toContain(field)
        const forms = islandProps(html, 'answer-form')
        expect(forms).toHaveLength(1)
        const island = asRecord(forms[0])
        expect(island.action).toBe(`/attempts/${attemptId}/q/${index + 1}`)
        expectKeyless(island.question, question)
        // Beside the question, only strings that are not the explanation or the evidence.
        const strings = leavesIn({ ...island, question: null })
        expect(strings).not.toContain(question.explanation)
        for (const cited of question.evidence) expect(strings).not.toContain(cited.quote)
      }
    })

    it(`in GET /api/quizzes/${set.slug}`, async () => {
      const response = await new Browser().get(`/api/quizzes/${set.slug}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as { quiz: { questions: unknown[] } }
      expect(body.quiz.questions).toHaveLength(set.questions.length)
      set.questions.forEach((question, index) => {
        expectKeyless(body.quiz.questions[index], question)
      })
    })

    it(`in POST and GET /api/attempts for ${set.slug}`, async () => {
      const browser = new Browser()
      const started = await browser.startApi(set.slug)
      const fetched = (await (await browser.get(`/api/attempts/${started.id}`)).json()) as {
        attempt: ApiAttempt
      }
      for (const attempt of [started, fetched.attempt]) {
        expect(attempt.items).toHaveLength(set.questions.length)
        attempt.items.forEach((item, index) => {
          expect(item.feedback).toBeNull()
          expectKeyless(item.question, set.questions[index] as Question)
        })
      }
    })
  }

  it('while other questions of the attempt are already answered', async () => {
    const set = bank.sets[0]
    if (!set) throw new Error('empty bank')
    const browser = new Browser()
    const attempt = await browser.startApi(set.slug)
    const [first, ...rest] = set.questions
    if (!first) throw new Error('empty set')
    await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(first.id),
      answer: correctAnswer(first),
    })
    const body = (await (await browser.get(`/api/attempts/${attempt.id}`)).json()) as { attempt: ApiAttempt }
    expect(body.attempt.items[0]?.feedback?.explanation).toBe(first.explanation)
    rest.forEach((question, index) => {
      const item = body.attempt.items[index + 1]
      expect(item?.feedback).toBeNull()
      expectKeyless(item?.question, question)
    })
    const html = await expectPage(await browser.get(`/attempts/${attempt.id}/q/2`), 200)
    expectPageKeyless(html, rest[0] as Question, set.title)
  })
})

describe('after answering, the feedback shows the key, the explanation and the evidence', () => {
  for (const type of questionTypes) {
    it(`for a ${type} question, in the API and on the page`, async () => {
      const { slug, question, position } = firstOfType(type)
      const browser = new Browser()
      const attempt = await browser.startApi(slug)
      const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
        questionId: publicIdOf(question.id),
        answer: wrongAnswer(question),
      })
      expect(response.status).toBe(200)
      const { feedback } = (await response.json()) as ApiAnswerResult
      expect(feedback.correct).toBe(false)
      expect(feedback.points).toBe(0)
      expect(feedback.explanation).toBe(question.explanation)
      expect(feedback.evidence.map((cited) => [cited.source.id, cited.quote])).toEqual(
        question.evidence.map((cited) => [cited.source, cited.quote]),
      )
      expect(feedback.correctAnswer.length).toBeGreaterThan(0)

      const text = visibleText(
        await expectPage(await browser.get(`/attempts/${attempt.id}/q/${position}`), 200),
      )
      expect(text).toContain(question.explanation)
      for (const cited of question.evidence) expect(text).toContain(cited.quote)
      expect(text).toContain('Correct answer')
      for (const line of feedback.correctAnswer) expect(text).toContain(line)
    })
  }
})

/** Every author id of the bank found in `text` as a whole token (ids are kebab-case words). */
function authorIdsIn(text: string): string[] {
  return allQuestions
    .map((question) => question.id)
    .filter((id) => new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`).test(text))
}

describe('author ids, which often name the answer, never reach a learner', () => {
  for (const set of bank.sets)
    it(`in the pages, island props and JSON of a whole attempt at ${set.slug}, its feedback and its results`, async () => {
      const browser = new Browser()
      const attempt = await browser.startApi(set.slug)
      const seen: string[] = [JSON.stringify(attempt)]
      for (const [index, question] of set.questions.entries()) {
        seen.push(
          decodeEntities(await expectPage(await browser.get(`/attempts/${attempt.id}/q/${index + 1}`), 200)),
        )
        const answered = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
          questionId: publicIdOf(question.id),
          answer: index % 2 ? correctAnswer(question) : wrongAnswer(question),
        })
        expect(answered.status).toBe(200)
        seen.push(await answered.text())
        seen.push(
          decodeEntities(await expectPage(await browser.get(`/attempts/${attempt.id}/q/${index + 1}`), 200)),
        )
      }
      seen.push(decodeEntities(await expectPage(await browser.get(`/attempts/${attempt.id}/results`), 200)))
      seen.push(await (await browser.get(`/api/attempts/${attempt.id}`)).text())
      seen.push(await (await browser.get(`/api/quizzes/${set.slug}`)).text())
      seen.push(decodeEntities(await expectPage(await browser.get('/practice'), 200)))
      seen.push(await (await browser.get('/api/practice/next')).text())
      seen.push(decodeEntities(await expectPage(await browser.get('/progress'), 200)))
      seen.push(await (await browser.get('/api/progress')).text())
      expect(authorIdsIn(seen.join('\n')), set.slug).toEqual([])
    }, 60_000)

  it('are found by this check when present (the check can fail)', () => {
    const id = allQuestions[0]?.id ?? ''
    expect(authorIdsIn(`<input name="x" value="${id}">`)).toEqual([id])
    expect(authorIdsIn(`{"id":"${publicIdOf(id)}"}`)).toEqual([])
  })
})
