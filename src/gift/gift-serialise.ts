import { passagePieces } from '../quiz/cloze'
import {
  type Evidence,
  type Gap,
  hasChoiceFeedback,
  hintsOf,
  type Question,
  type QuestionOf,
} from '../quiz/question'
import { imageLines, promptImageHtml } from './gift-images'
import { escapeGift } from './gift-text'

/** The weight of each of `count` right answers, 100/count, written as Moodle's list of weights spells it. */
function weightFor(count: number): string {
  const exact: Record<number, string> = { 3: '33.33333', 6: '16.66667', 7: '14.28571' }
  return exact[count] ?? String(100 / count)
}

/** A comment value on one line: comments cannot span lines. */
const oneLine = (value: string) => value.replace(/\s*\n\s*/g, ' ')

/** A number as GIFT reads it (never exponent notation, which Moodle rejects). */
function formatNumber(value: number): string {
  const plain = String(value)
  return /e/i.test(plain) ? value.toFixed(20).replace(/\.?0+$/, '') : plain
}

/** A format marker Moodle would read (and drop) at the start of a text. */
const FORMAT_MARKER = /^\s*\[(html|moodle|plain|markdown)\]/i
/** A text Moodle would read as a `%weight%` where one may stand. */
const WEIGHT_LIKE = /^\s*%/

/**
 * A text as GIFT writes it: syntax escaped, and a text that starts like a
 * format marker (`[html] …`) gets `[plain]` before it, so the marker is read
 * as text.
 */
function text(value: string): string {
  return `${FORMAT_MARKER.test(value) ? '[plain]' : ''}${escapeGift(value)}`
}

/** Per-answer feedback, `#…`, when the author wrote some for this choice. */
function feedbackOn(question: Question, choice: string): string {
  if (!hasChoiceFeedback(question)) return ''
  const written = question.feedback?.[choice]
  return written ? `#${text(written)}` : ''
}

/**
 * A short answer as Moodle reads it back: `*` (Moodle's wildcard) as `\*`,
 * and a text starting with `%` after an explicit `%100%` so it is not taken
 * for a weight.
 */
function shortAnswer(value: string): string {
  return `${WEIGHT_LIKE.test(value) ? '%100%' : ''}${text(value).replace(/\*/g, '\\*')}`
}

function answerBlock(question: Question): string {
  const list = (items: string[]) => items.map((item) => ` ${item}`).join('')
  switch (question.type) {
    case 'single':
      return list(
        question.choices.map((choice) =>
          choice === question.answer
            ? // After `=` Moodle reads no weight in a multiple choice, so "%80% …" is safe here.
              `=${text(choice)}${feedbackOn(question, choice)}`
            : `~${WEIGHT_LIKE.test(choice) ? '%0%' : ''}${text(choice)}${feedbackOn(question, choice)}`,
        ),
      )
    case 'multiple': {
      // Each wrong pick costs what a right one earns, as Cited scores it.
      const weight = weightFor(question.answer.length)
      return list(
        question.choices.map(
          (choice) =>
            `~%${question.answer.includes(choice) ? '' : '-'}${weight}%${text(choice)}${feedbackOn(question, choice)}`,
        ),
      )
    }
    case 'true_false': {
      // {TRUE#feedback for a wrong answer#feedback for a right one}
      const [right, wrong] = question.answer ? ['True', 'False'] : ['False', 'True']
      const rightFeedback = question.feedback?.[right]
      const wrongFeedback = question.feedback?.[wrong]
      const comments = rightFeedback
        ? `#${wrongFeedback ? text(wrongFeedback) : ''}#${text(rightFeedback)}`
        : wrongFeedback
          ? `#${text(wrongFeedback)}`
          : ''
      return `${question.answer ? 'TRUE' : 'FALSE'}${comments}`
    }
    case 'numeric':
      return `#${formatNumber(question.answer)}:${formatNumber(question.tolerance)}`
    case 'ordering':
      // No GIFT form: Moodle sees an essay; the items travel in cited-ordering comments.
      return ''
    case 'matching':
      // Moodle reads no format marker on the right-hand side, so it is only escaped.
      return list(question.pairs.map((pair) => `=${text(pair.left)} -> ${escapeGift(pair.right)}`))
    case 'text': {
      const answers = [question.answer, ...question.accept]
      // Moodle reads any `=` block with `->` in it as matching: one answer alone is written
      // without its `=`, which Moodle reads as a short answer. (Several answers with `->`
      // cannot be written so Moodle reads them; Cited reads them back all the same.)
      if (answers.length === 1 && question.answer.includes('->')) return ` ${shortAnswer(question.answer)}`
      return list(answers.map((answer) => `=${shortAnswer(answer)}`))
    }
    case 'cloze':
      // Written by serialiseCloze: the block stands inside the passage.
      return ''
  }
}

/** The GIFT answers of one cloze gap, as the question of its kind would write them. */
function gapBlock(gap: Gap): string {
  switch (gap.type) {
    case 'text':
      return [gap.answer, ...gap.accept].map((answer) => ` =${shortAnswer(answer)}`).join('')
    case 'numeric':
      return `#${formatNumber(gap.answer)}:${formatNumber(gap.tolerance)}`
    case 'choice':
      return gap.choices
        .map((choice) =>
          choice === gap.answer
            ? ` =${text(choice)}`
            : ` ~${WEIGHT_LIKE.test(choice) ? '%0%' : ''}${text(choice)}`,
        )
        .join('')
  }
}

/**
 * A passage question in GIFT. Moodle reads one gap as its "missing word"
 * form (the passage with the answer block in place of the gap) and several
 * gaps as an essay showing the passage with blanks (Moodle's own cloze is
 * another format, which GIFT cannot hold). Cited reads the question back
 * whole from its `cited-cloze` line: the prompt, passage and gaps as JSON.
 */
function serialiseCloze(question: QuestionOf<'cloze'>, meta: string[]): string {
  const carried = JSON.stringify({ prompt: question.prompt, passage: question.passage, gaps: question.gaps })
  const pieces = passagePieces(question.passage)
  const [gap] = question.gaps
  const plain = [question.prompt, question.passage].some((value) => /[<&]/.test(value))
  const feedback = `####${text(question.explanation)}`
  const body =
    question.gaps.length === 1 && gap
      ? `${escapeGift((pieces[0] ?? '').trimEnd())} {${gapBlock(gap)} ${feedback}} ${escapeGift((pieces[1] ?? '').trimStart())}`.trimEnd()
      : `${escapeGift(`${question.prompt}\n${pieces.join('_____')}`)} {${feedback}}`
  return [
    ...meta,
    `// cited-cloze: ${carried}`,
    `::${escapeGift(question.id)}::${plain || FORMAT_MARKER.test(body) ? '[plain]' : ''}${body}`,
  ].join('\n')
}

/**
 * Whether Moodle must read this question as plain text: its default format
 * (Moodle auto-format) would take `<` for a tag and `&` for an entity. The
 * marker on the question text carries to its answers and feedback.
 */
function needsPlain(question: Question): boolean {
  const texts = [question.prompt, question.explanation]
  if (question.type === 'single' || question.type === 'multiple') texts.push(...question.choices)
  if (question.type === 'matching') texts.push(...question.pairs.map((pair) => pair.left))
  if (question.type === 'text') texts.push(question.answer, ...question.accept)
  if (hasChoiceFeedback(question)) texts.push(...Object.values(question.feedback ?? {}))
  return texts.some((value) => /[<&]/.test(value))
}

/** Where a passage is in its source's stored text, ` @p3s2`, when it was picked there. */
function positionOf(cited: Evidence): string {
  if (cited.paragraph === undefined && cited.sentence === undefined) return ''
  return ` @${cited.paragraph === undefined ? '' : `p${cited.paragraph}`}${cited.sentence === undefined ? '' : `s${cited.sentence}`}`
}

/**
 * Writes one question as GIFT: the id as title, the explanation as general
 * feedback, and what GIFT cannot say (evidence, tags, difficulty, unit,
 * ordering items, hints) in `// cited-…` comments that `parseGift` reads back.
 * @example serialiseQuestion(question) // '// cited-evidence: …\n::id::Prompt{=A ~B ####Why.}'
 */
export function serialiseQuestion(question: Question, origin = ''): string {
  const lines = [
    // One line per cited passage; none for an uncited question.
    ...question.evidence.map(
      (cited) => `// cited-evidence: ${cited.source}${positionOf(cited)} | ${oneLine(cited.quote)}`,
    ),
    `// cited-tags: ${question.tags.map(oneLine).join(' | ')}`.trimEnd(),
    `// cited-difficulty: ${question.difficulty}`,
  ]
  for (const hint of hintsOf(question)) lines.push(`// cited-hint: ${oneLine(hint)}`)
  lines.push(...imageLines(question, origin))
  if (question.type === 'cloze') return serialiseCloze(question, lines)
  if (question.type === 'numeric' && question.unit) lines.push(`// cited-unit: ${oneLine(question.unit)}`)
  if (question.type === 'ordering')
    for (const item of question.items) lines.push(`// cited-ordering: ${oneLine(item)}`)
  const block = answerBlock(question)
  const plain = needsPlain(question) || FORMAT_MARKER.test(question.prompt)
  // The prompt's image as HTML, so Moodle shows it; only where the texts hold no `<` or `&`,
  // which [html] would read as markup (the cited-image line carries it either way).
  const pictured = plain ? undefined : question.image
  const prompt = pictured
    ? `[html]${escapeGift(question.prompt)}${escapeGift(promptImageHtml(pictured, origin))}`
    : `${plain ? '[plain]' : ''}${escapeGift(question.prompt)}`
  lines.push(
    `::${escapeGift(question.id)}::${prompt} {${block}${block ? ' ' : ''}####${text(question.explanation)}}`,
  )
  return lines.join('\n')
}

/**
 * Writes a whole set as a GIFT file: a header comment, the set as Moodle
 * category, then one question per paragraph. `origin` makes image addresses
 * absolute (`https://cited.example/images/<hash>`), for Moodle to load them.
 */
export function serialiseGift(
  set: { slug: string; title: string },
  questions: Question[],
  origin = '',
): string {
  const header = [
    `// ${oneLine(set.title)}: exported from Cited.`,
    '// Lines starting with "// cited-" carry what GIFT has no place for; Moodle ignores them.',
    `$CATEGORY: $course$/${set.slug}`,
  ].join('\n')
  return `${[header, ...questions.map((question) => serialiseQuestion(question, origin))].join('\n\n')}\n`
}
