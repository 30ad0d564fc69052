import { describe, expect, it } from 'vitest'
import {
  type AttemptViewState,
  describeAttempt,
  findItem,
  finishedView,
  missedPositions,
  nextStep,
} from '../../src/quiz/attempt-view'
import { optionId } from '../../src/quiz/option-id'
import { DEFAULT_SET_SETTINGS, type SetSettings } from '../../src/quiz/set-settings'
import { numeric, single, trueFalse } from './fixtures'

const source = {
  id: 'diplomatic-courier-mikovic',
  title: 'A source',
  outlet: 'An outlet',
  author: 'An author',
  date: '2024-01-01',
  kind: 'article' as const,
  reliability: 'good',
}

/** An attempt at three questions; the first answered right, the second wrong, the third not yet. */
function stateOf(
  changes: { settings?: Partial<SetSettings>; completedAt?: Date | null } = {},
): AttemptViewState {
  return {
    attempt: {
      id: 'attempt-1',
      setSlug: 'the-set',
      setVersion: 2,
      seed: 'seed',
      startedAt: new Date('2025-01-01T10:00:00Z'),
      completedAt: changes.completedAt ?? null,
      deadline: null,
    },
    set: { title: 'The set', settings: { ...DEFAULT_SET_SETTINGS, ...changes.settings } },
    questions: [single, trueFalse, numeric],
    responses: [
      {
        questionId: single.id,
        answer: { choice: optionId(single.id, 'choice', 'Black Sea') },
        correct: true,
        points: 1,
      },
      { questionId: trueFalse.id, answer: { value: true }, correct: false, points: 0 },
    ],
    sources: [source],
    displayName: 'Ada',
    publicIds: { of: (id) => `public-${id}`, authorIdOf: (id) => id.replace(/^public-/, '') },
  }
}

describe('describeAttempt', () => {
  it('shows questions under their learner ids, with feedback where answered', () => {
    const view = describeAttempt(stateOf())
    expect(view.items.map((item) => item.question.id)).toEqual([
      `public-${single.id}`,
      `public-${trueFalse.id}`,
      `public-${numeric.id}`,
    ])
    expect(view.items.map((item) => item.feedback?.correct ?? null)).toEqual([true, false, null])
    expect(view).toMatchObject({ total: 3, answered: 2, score: { points: 1, max: 3 }, passed: null })
    expect(view).toMatchObject({ quiz: 'the-set', setTitle: 'The set', version: 2, displayName: 'Ada' })
    expect(finishedView(view)).toBeNull()
  })

  it('keeps verdicts and the score back in exam mode until the attempt is finished', () => {
    const view = describeAttempt(stateOf({ settings: { feedback: 'end' } }))
    expect(view.items.map((item) => item.feedback)).toEqual([null, null, null])
    expect(view.score).toBeNull()
    expect(missedPositions(view)).toEqual(new Set())
  })

  it('shows every verdict once finished, the key of unanswered questions and whether it passed', () => {
    const view = describeAttempt(
      stateOf({ settings: { feedback: 'end', passMark: 30 }, completedAt: new Date('2025-01-01T10:05:00Z') }),
    )
    expect(view.items.map((item) => item.feedback?.correct)).toEqual([true, false, false])
    expect(view).toMatchObject({ timedOut: true, passed: true, completedAt: '2025-01-01T10:05:00.000Z' })
    expect(finishedView(view)).toMatchObject({ score: { points: 1, max: 3 }, passed: true })
    expect(missedPositions(view)).toEqual(new Set([2, 3]))
  })

  it('refuses a question citing a source the attempt does not hold', () => {
    expect(() => describeAttempt({ ...stateOf(), sources: [] })).toThrow(
      /cites a source the attempt does not list/,
    )
  })
})

describe('nextStep', () => {
  it('leads to the next unanswered question, then back round, then the results', () => {
    const view = describeAttempt(stateOf())
    expect(nextStep(view, 1)).toEqual({ href: '/attempts/attempt-1/q/3', label: 'Next question' })
    expect(nextStep(view, 3, '/embed/a/token')).toEqual({
      href: '/embed/a/token/results',
      label: 'See your results',
    })
    const finished = describeAttempt(stateOf({ completedAt: new Date() }))
    expect(nextStep(finished, 1).label).toBe('See your results')
  })
})

describe('findItem', () => {
  it('finds items by 1-based position and nothing for anything else', () => {
    const view = describeAttempt(stateOf())
    expect(findItem(view, '2')?.position).toBe(2)
    for (const param of ['0', '4', '1.5', 'x', '']) expect(findItem(view, param)).toBeUndefined()
  })
})

describe('describeAttempt with a regraded question', () => {
  const note = {
    questionId: trueFalse.id,
    at: Date.UTC(2026, 11, 2),
    reason: 'The key was wrong.',
    pointsBefore: 0,
    pointsAfter: 1,
  }

  it('puts the latest regrade note on the question, beside its feedback', () => {
    const older = { ...note, reason: 'First try.', at: Date.UTC(2026, 11, 1) }
    const view = describeAttempt({ ...stateOf({ completedAt: new Date() }), regradeNotes: [older, note] })
    expect(view.items[1]?.regrade).toEqual({
      at: '2026-12-02T00:00:00.000Z',
      reason: 'The key was wrong.',
      pointsBefore: 0,
      pointsAfter: 1,
    })
    expect(view.items[0]).not.toHaveProperty('regrade')
  })

  it('keeps the note back while the feedback is (exam mode, attempt still open): its reason may name the key', () => {
    const view = describeAttempt({ ...stateOf({ settings: { feedback: 'end' } }), regradeNotes: [note] })
    expect(view.items[1]).not.toHaveProperty('regrade')
  })
})
