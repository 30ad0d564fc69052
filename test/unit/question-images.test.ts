import { describe, expect, it } from 'vitest'
import { imagesIn } from '../../src/browser/offline-cache'
import { parseGift } from '../../src/gift/gift-parse'
import { serialiseQuestion } from '../../src/gift/gift-serialise'
import { imageRefSchema } from '../../src/quiz/image-ref'
import { toPublicQuestion } from '../../src/quiz/public-question'
import { type Question, questionSchema } from '../../src/quiz/question'
import { carryImages, imagesOf } from '../../src/quiz/question-images'
import { imageTargetsOf, readImageTarget, readImageText, withImageAt } from '../../src/studio/question-images'

const hash = (digit: string) => digit.repeat(64)
const map = { hash: hash('a'), alt: 'A map of the pipeline', width: 800, height: 400 }
const coast = { hash: hash('b'), alt: 'The Black Sea coast', width: 120, height: 80 }
const chart = { hash: hash('c'), alt: '', decorative: true, width: 640, height: 480 }

const question = questionSchema.parse({
  id: 'sea-with-pictures',
  type: 'single',
  prompt: 'Which sea does the pipeline reach?',
  choices: ['Black Sea', 'Baltic Sea', 'Caspian Sea'],
  answer: 'Black Sea',
  explanation: 'It ends at Novorossiysk.',
  difficulty: 'easy',
  tags: ['oil'],
  evidence: [
    {
      source: 'courier',
      quote: 'The pipeline ends at Novorossiysk.',
      figure: { image: chart, caption: 'Exports, 2022' },
    },
  ],
  image: map,
  choiceImages: { 'Black Sea': coast },
})

describe('image references in questions', () => {
  it('needs alt text unless the image is decorative', () => {
    expect(imageRefSchema.safeParse({ ...map, alt: ' ' }).success).toBe(false)
    expect(imageRefSchema.safeParse({ ...map, alt: '', decorative: true }).success).toBe(true)
  })

  it('refuses a choice image keyed by a text that is no choice', () => {
    const result = questionSchema.safeParse({ ...question, choiceImages: { Azov: coast } })
    expect(result.success).toBe(false)
  })

  it('lists every image a question shows', () => {
    expect(imagesOf(question).map((image) => image.hash)).toEqual([hash('a'), hash('b'), hash('c')])
  })

  it('gives learners each choice image with its choice, the same shape right or wrong', () => {
    const shown = toPublicQuestion(question, { publicId: 'q1', seed: 's', shuffleChoices: false })
    if (shown.type !== 'single') throw new Error('single expected')
    expect(shown.image).toEqual({
      src: `/images/${hash('a')}`,
      alt: 'A map of the pipeline',
      width: 800,
      height: 400,
    })
    expect(shown.choices[0]?.image).toEqual({
      src: `/images/${hash('b')}`,
      alt: 'The Black Sea coast',
      width: 120,
      height: 80,
    })
    expect(shown.choices[1]).not.toHaveProperty('image')
    expect(JSON.stringify(shown)).not.toContain('Novorossiysk')
  })

  it('keeps a question without images exactly as before (no image keys)', () => {
    const { image: _i, choiceImages: _c, ...plain } = question as Extract<Question, { type: 'single' }>
    const shown = toPublicQuestion({ ...plain, evidence: [] }, { publicId: 'q1', seed: 's' })
    expect(Object.keys(shown).sort()).toEqual(['choices', 'id', 'prompt', 'type'])
  })
})

describe('the studio’s image places', () => {
  it('names the prompt, each choice and each cited passage', () => {
    expect(imageTargetsOf(question).map((place) => place.label)).toEqual([
      'With the question',
      'Choice 1: Black Sea',
      'Choice 2: Baltic Sea',
      'Choice 3: Caspian Sea',
      'Figure with passage 1: “The pipeline ends at Novorossiysk.”',
    ])
    expect(readImageTarget('choice:4', question)).toBeNull()
    expect(readImageTarget('evidence:1', question)).toEqual({ kind: 'evidence', index: 1 })
    expect(readImageTarget('../prompt', question)).toBeNull()
  })

  it('puts and removes an image at a place, leaving the rest', () => {
    const added = withImageAt(question, { kind: 'choice', index: 2 }, map)
    expect(added.type === 'single' && added.choiceImages).toEqual({ 'Black Sea': coast, 'Baltic Sea': map })
    const removed = withImageAt(question, { kind: 'prompt' }, null)
    expect(removed).not.toHaveProperty('image')
    const figure = withImageAt(question, { kind: 'evidence', index: 1 }, coast, 'A coast')
    expect(figure.evidence[0]?.figure).toEqual({ image: coast, caption: 'A coast' })
  })

  it('asks for alt text unless decorative', () => {
    expect(readImageText({ alt: ' ', decorative: false, caption: '' }).errors.alt).toContain('Write alt text')
    expect(readImageText({ alt: 'kept?', decorative: true, caption: '' })).toMatchObject({
      alt: '',
      errors: {},
    })
  })

  it('carries images over an edit from the question form: a renamed choice loses its image', () => {
    const edited = questionSchema.parse({
      ...question,
      choices: ['Black Sea', 'Azov Sea', 'Caspian Sea'],
      image: undefined,
      choiceImages: undefined,
      evidence: [{ source: 'courier', quote: 'The pipeline ends at Novorossiysk.' }],
    })
    const carried = carryImages(question, edited)
    expect(carried.image).toEqual(map)
    expect(carried.type === 'single' && carried.choiceImages).toEqual({ 'Black Sea': coast })
    expect(carried.evidence[0]?.figure?.caption).toBe('Exports, 2022')
  })
})

describe('images in GIFT', () => {
  it('writes the prompt image as an <img> Moodle shows, and every image in cited-image lines read back', () => {
    const gift = serialiseQuestion(question, 'https://cited.example')
    expect(gift).toContain(
      `// cited-image: prompt | https://cited.example/images/${hash('a')} | 800x400 | A map of the pipeline`,
    )
    expect(gift).toContain(
      `// cited-image: choice 1 | https://cited.example/images/${hash('b')} | 120x80 | The Black Sea coast`,
    )
    expect(gift).toContain(
      `// cited-image: evidence 1 | https://cited.example/images/${hash('c')} | 640x480 |  | Exports, 2022`,
    )
    // GIFT escapes `=` and `:`; Moodle reads them back.
    expect(gift).toContain(
      `[html]Which sea does the pipeline reach?<br><img src\\="https\\://cited.example/images/${hash('a')}" alt\\="A map of the pipeline"`,
    )
    const [item] = parseGift(gift)
    expect(item?.errors).toEqual([])
    expect(item?.question).toEqual(question)
  })

  it('leaves the <img> out when the texts must stay plain, and still reads the image back', () => {
    const risky = { ...question, explanation: 'Oil & gas.' }
    const gift = serialiseQuestion(risky, 'https://cited.example')
    expect(gift).not.toContain('<img')
    expect(parseGift(gift)[0]?.question).toEqual(risky)
  })
})

describe('offline copies of pages', () => {
  it('finds the images a page shows, once each', () => {
    const html = `<img src="/images/${hash('a')}"><img src="/images/${hash('a')}"><img src="/images/${hash('b')}">`
    expect(imagesIn(html)).toEqual([`/images/${hash('a')}`, `/images/${hash('b')}`])
  })
})
