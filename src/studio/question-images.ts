import { type Figure, type ImageRef, MAX_ALT } from '../quiz/image-ref'
import type { Question } from '../quiz/question'

/**
 * Where on a question an image goes: its prompt, one of its choices (single
 * and multiple choice, by position from 1) or one of its cited passages (a
 * figure with a caption, by position from 1). Form value: `prompt`,
 * `choice:2`, `evidence:1`.
 */
export type ImageTarget =
  | { kind: 'prompt' }
  | { kind: 'choice'; index: number }
  | { kind: 'evidence'; index: number }

/** The form value naming a target. */
export const targetValue = (target: ImageTarget) =>
  target.kind === 'prompt' ? 'prompt' : `${target.kind}:${target.index}`

/** The places a question can hold an image, with what the studio calls each. */
export function imageTargetsOf(
  question: Question,
): { target: ImageTarget; label: string; image: ImageRef | null; caption?: string }[] {
  const targets: { target: ImageTarget; label: string; image: ImageRef | null; caption?: string }[] = [
    { target: { kind: 'prompt' }, label: 'With the question', image: question.image ?? null },
  ]
  if (question.type === 'single' || question.type === 'multiple')
    question.choices.forEach((choice, position) => {
      targets.push({
        target: { kind: 'choice', index: position + 1 },
        label: `Choice ${position + 1}: ${choice}`,
        image: question.choiceImages?.[choice] ?? null,
      })
    })
  question.evidence.forEach((evidence, position) => {
    targets.push({
      target: { kind: 'evidence', index: position + 1 },
      label: `Figure with passage ${position + 1}: “${evidence.quote}”`,
      image: evidence.figure?.image ?? null,
      caption: evidence.figure?.caption,
    })
  })
  return targets
}

/**
 * Reads a target from its form value, if the question has that place.
 * @example readImageTarget('choice:2', question) // { kind: 'choice', index: 2 }
 */
export function readImageTarget(value: string, question: Question): ImageTarget | null {
  if (value === 'prompt') return { kind: 'prompt' }
  const match = /^(choice|evidence):([1-9]\d?)$/.exec(value)
  if (!match) return null
  const index = Number(match[2])
  if (match[1] === 'choice')
    return (question.type === 'single' || question.type === 'multiple') && index <= question.choices.length
      ? { kind: 'choice', index }
      : null
  return index <= question.evidence.length ? { kind: 'evidence', index } : null
}

/** The image at a target, and the caption of a figure. */
export function imageAt(
  question: Question,
  target: ImageTarget,
): { image: ImageRef | null; caption?: string } {
  const found = imageTargetsOf(question).find((place) => targetValue(place.target) === targetValue(target))
  return { image: found?.image ?? null, caption: found?.caption }
}

/**
 * The question with `image` (and a figure's `caption`) at `target`, or with
 * the image there removed when `image` is null. Nothing else changes.
 * @example withImageAt(question, { kind: 'prompt' }, { hash, alt: 'A map', width: 800, height: 600 })
 */
export function withImageAt(
  question: Question,
  target: ImageTarget,
  image: ImageRef | null,
  caption?: string,
): Question {
  if (target.kind === 'prompt') {
    const { image: _old, ...rest } = question
    return image ? ({ ...rest, image } as Question) : (rest as Question)
  }
  if (target.kind === 'choice') {
    if (question.type !== 'single' && question.type !== 'multiple') return question
    const choice = question.choices[target.index - 1]
    if (choice === undefined) return question
    const { [choice]: _old, ...others } = question.choiceImages ?? {}
    const choiceImages = image ? { ...others, [choice]: image } : others
    const { choiceImages: _all, ...rest } = question
    return Object.keys(choiceImages).length ? { ...rest, choiceImages } : rest
  }
  const evidence = question.evidence.map((passage, position) => {
    if (position !== target.index - 1) return passage
    const { figure: _old, ...rest } = passage
    const figure: Figure | null = image ? { image, ...(caption ? { caption } : {}) } : null
    return figure ? { ...rest, figure } : rest
  })
  return { ...question, evidence }
}

/** The image form's text fields, checked: alt text unless decorative, a caption for figures. */
export function readImageText(form: { alt: string; decorative: boolean; caption: string }): {
  alt: string
  decorative: boolean
  caption: string
  errors: Record<string, string>
} {
  const alt = form.alt.trim()
  const caption = form.caption.trim()
  const errors: Record<string, string> = {}
  if (!form.decorative && !alt)
    errors.alt =
      'Write alt text: what the image shows, for learners who cannot see it. If it adds nothing, tick “Decorative” instead.'
  if (alt.length > MAX_ALT)
    errors.alt = `Alt text is at most ${MAX_ALT} characters: put a longer description in the explanation.`
  if (caption.length > 300) errors.caption = 'A caption is at most 300 characters.'
  return { alt: form.decorative ? '' : alt, decorative: form.decorative, caption, errors }
}
