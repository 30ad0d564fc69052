import type { ImageRef } from '../quiz/image-ref'
import { imagePath } from '../quiz/image-ref'
import type { Question } from '../quiz/question'

/**
 * Images in GIFT. Moodle has no place for Cited's image references, so each
 * travels in a comment line above its question, which Moodle ignores and
 * Cited reads back:
 *
 *     // cited-image: prompt | https://cited.example/images/<hash> | 640x480 | alt text
 *     // cited-image: choice 2 | https://cited.example/images/<hash> | 120x80 | alt text
 *     // cited-image: evidence 1 | https://cited.example/images/<hash> | 800x600 | alt text | caption
 *
 * An empty alt text means a decorative image. The prompt's image is also
 * written into the question text as an HTML `<img>` (see gift-serialise.ts),
 * so Moodle shows it.
 */

const oneLine = (value: string) => value.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '/')

const line = (target: string, image: ImageRef, origin: string, caption?: string) =>
  `// cited-image: ${target} | ${origin}${imagePath(image.hash)} | ${image.width}x${image.height} | ${
    image.decorative ? '' : oneLine(image.alt)
  }${caption ? ` | ${oneLine(caption)}` : ''}`.trimEnd()

/** The `cited-image` comment lines of a question, its images' addresses made absolute with `origin`. */
export function imageLines(question: Question, origin: string): string[] {
  const lines: string[] = []
  if (question.image) lines.push(line('prompt', question.image, origin))
  if (question.type === 'single' || question.type === 'multiple')
    question.choices.forEach((choice, index) => {
      const image = question.choiceImages?.[choice]
      if (image) lines.push(line(`choice ${index + 1}`, image, origin))
    })
  question.evidence.forEach((cited, index) => {
    if (cited.figure)
      lines.push(line(`evidence ${index + 1}`, cited.figure.image, origin, cited.figure.caption))
  })
  return lines
}

/** Escapes text for an HTML attribute or text node. */
export const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The prompt image as Moodle shows it in an `[html]` question text. */
export const promptImageHtml = (image: ImageRef, origin: string) =>
  `<br><img src="${origin}${imagePath(image.hash)}" alt="${escapeHtml(image.decorative ? '' : image.alt)}" width="${image.width}" height="${image.height}">`

const IMAGE_LINE =
  /^(prompt|choice ([1-9]\d?)|evidence ([1-9]\d?))\s*\|\s*\S*\/images\/([0-9a-f]{64})\s*\|\s*(\d{1,5})x(\d{1,5})\s*\|([^|]*)(?:\|(.*))?$/

type Candidate = {
  image?: unknown
  choices?: string[]
  choiceImages?: Record<string, unknown>
  evidence: { figure?: unknown }[]
}

/**
 * Puts the images of a question's `cited-image` lines onto the question being
 * read, or says what is wrong with a line (the schema then checks the rest,
 * such as alt text). The images must be stored in this Cited already: the
 * import checks that (services/question-import.ts).
 */
export function readImageLines(lines: string[], candidate: Candidate, errors: string[]): void {
  for (const value of lines) {
    const match = IMAGE_LINE.exec(value.trim())
    if (!match) {
      errors.push(
        'cited-image must read "<prompt|choice N|evidence N> | <address>/images/<hash> | <width>x<height> | <alt>"',
      )
      continue
    }
    const [, target = '', choice, evidence, hash = '', width = '', height = '', alt = '', caption] = match
    const image = {
      hash,
      alt: alt.trim(),
      ...(alt.trim() ? {} : { decorative: true }),
      width: Number(width),
      height: Number(height),
    }
    if (target === 'prompt') candidate.image = image
    else if (choice) {
      const text = candidate.choices?.[Number(choice) - 1]
      if (text === undefined) errors.push(`cited-image: the question has no choice ${choice}`)
      else candidate.choiceImages = { ...candidate.choiceImages, [text]: image }
    } else if (evidence) {
      const cited = candidate.evidence[Number(evidence) - 1]
      if (!cited) errors.push(`cited-image: the question has no cited passage ${evidence}`)
      else cited.figure = { image, ...(caption?.trim() ? { caption: caption.trim() } : {}) }
    }
  }
}
