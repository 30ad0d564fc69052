import { describe, expect, it } from 'vitest'
import {
  Browser,
  correctAnswer,
  expectPage,
  publicIdOf,
  questionOfLearnerId,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

const SLUG = 'pipeline-and-oil'

describe('the results review', () => {
  it('is one line per question with its verdict, each a disclosure that opens to the answer and source', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(SLUG)
    const verdicts: string[] = []
    for (const [index, item] of attempt.items.entries()) {
      const question = questionOfLearnerId(item.question.id)
      const right = index % 3 !== 0
      verdicts.push(right ? 'Correct' : 'Not quite')
      await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
        questionId: publicIdOf(question.id),
        answer: right ? correctAnswer(question) : wrongAnswer(question),
      })
    }
    const html = await expectPage(await browser.get(`/attempts/${attempt.id}/results`), 200)
    const summaries = [...html.matchAll(/<summary class="review__summary">([\s\S]*?)<\/summary>/g)].map(
      (match) => visibleText(match[1] ?? ''),
    )
    expect(summaries).toHaveLength(attempt.items.length)
    for (const [index, item] of attempt.items.entries()) {
      const question = questionOfLearnerId(item.question.id)
      // The line names the question and its verdict; the control is native (works without JavaScript).
      expect(summaries[index]).toContain(`Question ${index + 1}:`)
      expect(summaries[index]).toContain(question.prompt.slice(0, 30))
      expect(summaries[index]).toMatch(/Correct|Not quite|Partly right/)
      if (verdicts[index] === 'Correct') expect(summaries[index]).toContain('Correct')
      // The answer, explanation and source are inside the closed disclosure.
      expect(html).toContain(question.explanation.replaceAll('"', '&quot;').slice(0, 20))
    }
    expect((html.match(/<details class="review__details">/g) ?? []).length).toBe(attempt.items.length)
    expect(html).not.toMatch(/<details class="review__details" open/)
  })
})
