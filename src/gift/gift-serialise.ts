import type { Question } from '../quiz/question'
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

function answerBlock(question: Question): string {
  const list = (items: string[]) => items.map((item) => ` ${item}`).join('')
  switch (question.type) {
    case 'single':
      return list(
        question.choices.map((choice) =>
          choice === question.answer ? `=${escapeGift(choice)}` : `~${escapeGift(choice)}`,
        ),
      )
    case 'multiple': {
      // Each wrong pick costs what a right one earns, as Cited scores it.
      const weight = weightFor(question.answer.length)
      return list(
        question.choices.map(
          (choice) => `~%${question.answer.includes(choice) ? '' : '-'}${weight}%${escapeGift(choice)}`,
        ),
      )
    }
    case 'true_false':
      return question.answer ? 'TRUE' : 'FALSE'
    case 'numeric':
      return `#${formatNumber(question.answer)}:${formatNumber(question.tolerance)}`
    case 'ordering':
      // No GIFT form: Moodle sees an essay; the items travel in cited-ordering comments.
      return ''
    case 'matching':
      return list(question.pairs.map((pair) => `=${escapeGift(pair.left)} -> ${escapeGift(pair.right)}`))
    case 'text':
      return list([question.answer, ...question.accept].map((answer) => `=${escapeGift(answer)}`))
  }
}

/**
 * Writes one question as GIFT: the id as title, the explanation as general
 * feedback, and what GIFT cannot say (evidence, tags, difficulty, unit,
 * ordering items) in `// cited-…` comments that `parseGift` reads back.
 * @example serialiseQuestion(question) // '// cited-evidence: …\n::id::Prompt{=A ~B ####Why.}'
 */
export function serialiseQuestion(question: Question): string {
  const lines = [
    // One line per cited passage; none for an uncited question.
    ...question.evidence.map((cited) => `// cited-evidence: ${cited.source} | ${oneLine(cited.quote)}`),
    `// cited-tags: ${question.tags.map(oneLine).join(' | ')}`.trimEnd(),
    `// cited-difficulty: ${question.difficulty}`,
  ]
  if (question.type === 'numeric' && question.unit) lines.push(`// cited-unit: ${oneLine(question.unit)}`)
  if (question.type === 'ordering')
    for (const item of question.items) lines.push(`// cited-ordering: ${oneLine(item)}`)
  const block = answerBlock(question)
  lines.push(
    `::${escapeGift(question.id)}::${escapeGift(question.prompt)} {${block}${block ? ' ' : ''}####${escapeGift(question.explanation)}}`,
  )
  return lines.join('\n')
}

/**
 * Writes a whole set as a GIFT file: a header comment, the set as Moodle
 * category, then one question per paragraph.
 */
export function serialiseGift(set: { slug: string; title: string }, questions: Question[]): string {
  const header = [
    `// ${oneLine(set.title)}: exported from Cited.`,
    '// Lines starting with "// cited-" carry what GIFT has no place for; Moodle ignores them.',
    `$CATEGORY: $course$/${set.slug}`,
  ].join('\n')
  return `${[header, ...questions.map(serialiseQuestion)].join('\n\n')}\n`
}
