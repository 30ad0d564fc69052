import { describe, expect, it } from 'vitest'
import { draftFiles, isDraftable, sourceFromFile } from '../../scripts/draft-files'
import { quoteOccursIn } from '../../src/bank/quotes'
import { countWords } from '../../src/quiz/question'

// Invented texts only.
const FERRIES = `On March 3, the Velmora Port Authority closed the northern harbour for 12 days.
The ferries now sail to Dunmore, Caldris, and Penhallow every morning.
On April 9, the town council approved a second ferry terminal.
On May 21, the first ferry left the new terminal in Kelvenport.
Mayor Ilse Varkonyi opened the ferry terminal after a long delay.`

const COUNCIL = `# Council notes

Councillor **Tobias Renn** visited Arlenwick and Sorrel last spring.

- Councillor Nadia Brook spoke in Westmarch about the ferries.
- About 25% of the boats were repaired and 300 sailors came home.`

describe('npm run sources:draft (draftFiles)', () => {
  const files = [
    { path: 'notes/ferry-news.txt', text: FERRIES },
    { path: 'notes/council-notes.md', text: COUNCIL },
  ]

  it('drafts every file, each citing its file by base name with a quote that occurs in it', () => {
    const drafts = draftFiles(files)
    expect(drafts.length).toBeGreaterThanOrEqual(6)
    const texts: Record<string, string> = { 'ferry-news': FERRIES, 'council-notes': COUNCIL }
    for (const draft of drafts) {
      const text = texts[draft.evidence[0]?.source ?? '']
      expect(text, draft.evidence[0]?.source).toBeDefined()
      expect(quoteOccursIn(draft.evidence[0]?.quote ?? '', text ?? '')).toBe(true)
      expect(countWords(draft.evidence[0]?.quote ?? '')).toBeLessThanOrEqual(25)
      expect(draft.question.id).toMatch(/^(?:ferry-news|council-notes)-/)
    }
    expect(new Set(drafts.map((draft) => draft.evidence[0]?.source))).toEqual(
      new Set(['ferry-news', 'council-notes']),
    )
  })

  it('leaves out a draft whose quote crosses Markdown emphasis, since it is not verbatim in the file', () => {
    const drafts = draftFiles(files).filter((draft) => draft.evidence[0]?.source === 'council-notes')
    expect(drafts.some((draft) => (draft.evidence[0]?.quote ?? '').includes('Tobias Renn visited'))).toBe(
      false,
    )
  })

  it('reads only text and Markdown files', () => {
    expect(['a.txt', 'b.md', 'c.MD', 'd.markdown'].every(isDraftable)).toBe(true)
    expect(['page.html', 'notes.pdf', 'txt'].some(isDraftable)).toBe(false)
  })
})

describe('sourceFromFile', () => {
  it('names a Markdown source after its first heading and drops the Markdown marks', () => {
    const source = sourceFromFile({ path: '/notes/council-notes.md', text: COUNCIL })
    expect(source.name).toBe('council-notes')
    expect(source.title).toBe('Council notes')
    expect(source.passages.map((passage) => passage.text)).toEqual([
      'Councillor Tobias Renn visited Arlenwick and Sorrel last spring.',
      'Councillor Nadia Brook spoke in Westmarch about the ferries.',
      'About 25% of the boats were repaired and 300 sailors came home.',
    ])
  })

  it('names a text source after its file', () => {
    expect(sourceFromFile({ path: 'ferry-news.txt', text: FERRIES })).toMatchObject({
      name: 'ferry-news',
      title: 'ferry-news',
    })
  })
})
