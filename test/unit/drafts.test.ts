import { describe, expect, it } from 'vitest'
import { quoteOccursIn } from '../../src/bank/quotes'
import { countWords } from '../../src/quiz/question'
import { type Draft, type DraftSource, draftQuestions } from '../../src/sources/drafts'
import { passagesOf } from '../../src/sources/passages'

// Invented texts: a small town's harbour news, and a second source that gives names to draw from.
const HARBOUR = `Harbour news from Velmora

On March 3, the Velmora Port Authority closed the northern harbour for 12 days.
The new dredging contract covers over 40% of the harbour channels.
Mayor Ilse Varkonyi opened the ferry terminal after a long delay.
The ferries now sail to Dunmore, Caldris, and Penhallow every morning.
On April 9, the town council approved a second ferry terminal.
On May 21, the first ferry left the new terminal in Kelvenport.
In 2019, Velmora and Caldris signed a shipping agreement for ten years.
The Granite Shipping Company runs the night ferries from Kelvenport.
Fishing boats from Arlenwick still use the old pier in Kelvenport every winter.
Velmora depends on the ferries for most of its trade.
Velmora is the largest port on the northern coast.
Caldris’s fishing fleet is the oldest on the coast.
Dunmore’s ferry pier was rebuilt by volunteers from Westmarch.`

const COUNCIL = `Councillor Tobias Renn visited Arlenwick and Sorrel last spring. Councillor Nadia Brook spoke in Westmarch about the ferries. The Lantern Trading Company moved to Westmarch. About 25% of the boats were repaired and 300 sailors came home.`

const source = (name: string, text: string, outlet?: string): DraftSource => ({
  name,
  title: name,
  outlet,
  passages: passagesOf(text),
})
const harbour = source('harbour-report', HARBOUR, 'the Velmora Gazette')
const council = source('council-notes', COUNCIL)
const drafts = draftQuestions(harbour, [council])
const byRule = (rule: Draft['rule']) => drafts.filter((draft) => draft.rule === rule)

describe('draftQuestions', () => {
  it('turns a figure into a numeric question with its unit', () => {
    const figures = byRule('figure')
    expect(figures.map((draft) => draft.question)).toContainEqual(
      expect.objectContaining({ type: 'numeric', answer: 12, unit: 'days', tolerance: 0 }),
    )
    const percent = figures.find((draft) => draft.question.type === 'numeric' && draft.question.unit === '%')
    expect(percent?.prompt).toBe(
      'According to the Velmora Gazette, the new dredging contract covers more than what percentage of the harbour channels?',
    )
    expect(percent?.correct).toEqual(['40'])
  })

  it('asks the day of a dated event, with the event told and the date left out', () => {
    const dates = byRule('date')
    const councilVote = dates.find((draft) => draft.correct[0] === '9')
    expect(councilVote?.prompt).toBe(
      'According to the Velmora Gazette, the town council approved a second ferry terminal. On which day of April did this happen? (Enter the day of the month.)',
    )
    expect(dates.find((draft) => draft.correct[0] === '2019')?.prompt).toMatch(
      /In which year did this happen\?$/,
    )
  })

  it('asks who did it, with people from the sources as distractors', () => {
    const person = drafts.find((draft) => draft.correct[0] === 'Ilse Varkonyi')
    expect(person?.prompt).toBe(
      'According to the Velmora Gazette, who opened the ferry terminal after a long delay?',
    )
    expect(person?.type).toBe('single')
    expect(person?.choices).toHaveLength(4)
    expect(person?.choices).toEqual(expect.arrayContaining(['Tobias Renn', 'Nadia Brook']))
  })

  it('asks which organisation, as short text when the sources hold too few of that kind', () => {
    const organisation = drafts.find((draft) => draft.correct[0] === 'Granite Shipping Company')
    expect(organisation?.prompt).toBe(
      'According to the Velmora Gazette, which organisation runs the night ferries from Kelvenport?',
    )
    expect(organisation?.type).toBe('text')
  })

  it('turns a list into a multiple-select question with same-kind places the passage does not name', () => {
    const [list] = byRule('list')
    expect(list?.prompt).toBe(
      'According to the Velmora Gazette, the ferries now sail to which of these places every morning? Pick all that apply.',
    )
    expect(list?.correct).toEqual(['Dunmore', 'Caldris', 'Penhallow'])
    const wrong = list?.choices?.filter((choice) => !list.correct.includes(choice)) ?? []
    expect(wrong.length).toBeGreaterThanOrEqual(2)
    for (const choice of wrong) expect(HARBOUR.split('\n')[5]).not.toContain(choice)
  })

  it('makes true statements and false ones by swapping a name for another of the same kind', () => {
    const statements = byRule('statement')
    expect(statements.some((draft) => draft.correct[0] === 'True')).toBe(true)
    const falseOne = statements.find((draft) => draft.correct[0] === 'False')
    expect(falseOne).toBeDefined()
    expect(falseOne?.question.explanation).toMatch(
      /^False: the source (?:names \w+, not \w+|has \w+ and \w+ the other way round)\.$/,
    )
    expect(falseOne?.prompt).not.toContain((falseOne?.evidence[0]?.quote ?? '').replace(/\.$/, ''))
  })

  it('puts the dated events in the order they happened', () => {
    const [ordering] = byRule('ordering')
    expect(ordering?.question).toMatchObject({
      type: 'ordering',
      items: [
        'The Velmora Port Authority closed the northern harbour for 12 days',
        'The town council approved a second ferry terminal',
        'The first ferry left the new terminal in Kelvenport',
      ],
    })
  })

  it('names the source in every prompt, and says "the source" when the outlet is unknown', () => {
    for (const draft of drafts) expect(draft.prompt).toMatch(/^According to the Velmora Gazette, /)
    for (const draft of draftQuestions(council, [harbour]))
      expect(draft.prompt).toMatch(/^According to the source, /)
  })

  it('cites a verbatim quote of at most 25 words, holding the answer of single, text and numeric drafts', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(10)
    for (const draft of drafts) {
      expect(draft.evidence[0]?.source).toBe('harbour-report')
      expect(quoteOccursIn(draft.evidence[0]?.quote ?? '', HARBOUR), draft.evidence[0]?.quote ?? '').toBe(
        true,
      )
      expect(countWords(draft.evidence[0]?.quote ?? '')).toBeLessThanOrEqual(25)
      const { question } = draft
      if (question.type === 'single' || question.type === 'text')
        expect(draft.evidence[0]?.quote ?? '').toContain(question.answer)
      if (question.type === 'numeric')
        expect((draft.evidence[0]?.quote ?? '').replace(/,/g, '')).toContain(String(question.answer))
    }
  })

  it('cuts a long sentence to a quote of at most 25 words around the answer', () => {
    const long = source(
      'long',
      'On June 2, after many weeks of talks between the harbour board, the fishing union, the ferry company and the town council about the future of the old pier, the board finally agreed to close the pier for 45 days.',
    )
    const [figure] = draftQuestions(long, [council]).filter((draft) => draft.rule === 'figure')
    expect(figure?.correct).toEqual(['45'])
    expect(countWords(figure?.evidence[0]?.quote ?? '')).toBeLessThanOrEqual(25)
    expect(figure?.evidence[0]?.quote).toContain('45 days')
  })

  it('drops sentences that make no fair question: questions, first person, a pronoun with no referent', () => {
    const vague = source(
      'vague',
      'Will the ferries run on 12 days in Kelvenport? We sailed to Dunmore, Caldris and Penhallow. It carried 40% of the cargo to Dunmore.',
    )
    expect(draftQuestions(vague, [harbour])).toEqual([])
  })

  it('is deterministic', () => {
    expect(draftQuestions(harbour, [council])).toEqual(drafts)
  })

  it('gives each draft a distinct id that does not name its answer, and keeps the passage it cites', () => {
    expect(new Set(drafts.map((draft) => draft.id)).size).toBe(drafts.length)
    for (const draft of drafts) {
      expect(draft.id).toMatch(/^harbour-report-/)
      expect(harbour.passages).toContainEqual(expect.objectContaining(draft.passage))
    }
  })
})

describe('draftQuestions on scraped pages', () => {
  const companions = [council, harbour]

  it('stops at the page boilerplate and drafts a repeated paragraph once', () => {
    const page = source(
      'page',
      `The ferry to Dunmore carried 450 passengers in its first week.
The ferry to Dunmore carried 450 passengers in its first week.
You may also like
The ferry to Caldris carried 900 bicycles in its first month.`,
    )
    const drafts = draftQuestions(page, companions)
    expect(drafts.map((draft) => draft.correct[0])).toContain('450')
    expect(drafts.filter((draft) => draft.correct[0] === '450')).toHaveLength(1)
    expect(drafts.some((draft) => draft.evidence.some((cited) => cited.quote.includes('900')))).toBe(false)
  })

  it('leaves the attribution and the lead-in before a colon out of the prompt', () => {
    const page = source(
      'page',
      'Velmora wants its own fleet: the council ordered 14 new ferries from Penhallow, the Gazette notes.',
    )
    const [figure] = draftQuestions(page, companions).filter((draft) => draft.rule === 'figure')
    expect(figure?.prompt).toBe(
      'According to the source, the council ordered how many new ferries from Penhallow?',
    )
  })

  it('makes a statement false by exchanging two names of the same kind', () => {
    const page = source(
      'page',
      `Kelvenport’s lighthouse keeper retired after forty years of service.
Arlenwick’s fishermen sell their catch at Penhallow’s market.`,
    )
    const statements = draftQuestions(page, companions).filter((draft) => draft.rule === 'statement')
    expect(statements.map((draft) => draft.prompt)).toContain(
      'According to the source, Penhallow’s fishermen sell their catch at Arlenwick’s market.',
    )
  })

  it('draws place distractors of the same class: seas for a sea', () => {
    const seas = source(
      'seas',
      'Ships from Kelvenport cross the Amber Sea, the Glass Sea and the Iron Sea every week.',
    )
    const page = source('page', 'The new ferry sails through the Tidewater Sea every morning.')
    const [entity] = draftQuestions(page, [seas, harbour]).filter((draft) => draft.rule === 'entity')
    expect(entity?.correct).toEqual(['Tidewater Sea'])
    for (const choice of entity?.choices ?? []) expect(choice).toMatch(/ Sea$/)
  })
})
