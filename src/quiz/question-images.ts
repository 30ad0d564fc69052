import type { ImageRef } from './image-ref'
import type { Question } from './question'

/**
 * Every image a question shows: its prompt's, its choices', its evidence
 * figures'. What the export packs and what keeps an image from the cleanup.
 * @example imagesOf(question).map((image) => image.hash)
 */
export function imagesOf(question: Question): ImageRef[] {
  const found: ImageRef[] = []
  if (question.image) found.push(question.image)
  if ((question.type === 'single' || question.type === 'multiple') && question.choiceImages)
    found.push(...Object.values(question.choiceImages))
  for (const evidence of question.evidence) if (evidence.figure) found.push(evidence.figure.image)
  return found
}

/**
 * The question form knows nothing of images (they have their own page), so
 * an edit saved through it keeps the images of the question it replaces: the
 * prompt's; a choice's while a choice of the same text remains; an evidence
 * figure while a passage of the same source and quote is still cited.
 * @example carryImages(stored, decodedFromForm)
 */
export function carryImages(previous: Question, next: Question): Question {
  const carried: Question = { ...next, image: next.image ?? previous.image }
  if (!carried.image) delete carried.image
  if (
    (carried.type === 'single' || carried.type === 'multiple') &&
    (previous.type === 'single' || previous.type === 'multiple') &&
    previous.choiceImages
  ) {
    const kept = Object.fromEntries(
      Object.entries(previous.choiceImages).filter(([choice]) => carried.choices.includes(choice)),
    )
    const merged = { ...kept, ...carried.choiceImages }
    if (Object.keys(merged).length) carried.choiceImages = merged
  }
  carried.evidence = carried.evidence.map((evidence) => {
    if (evidence.figure) return evidence
    const same = previous.evidence.find(
      (old) => old.figure && old.source === evidence.source && old.quote === evidence.quote,
    )
    return same?.figure ? { ...evidence, figure: same.figure } : evidence
  })
  return carried
}
