/**
 * The bank loader: build time only. Scripts (scripts/load-bank.ts) and tests
 * import it; the Worker may import its types but no value, because parsing YAML
 * pulls the `yaml` library into the bundle (scripts/bundle-check.ts refuses it).
 * Runtime code that needs a bank rule imports it from its own module, as
 * `answerNamedById` from ./answer-named-by-id.
 */
import * as z from 'zod'
import { embedPolicySchema } from '../embed/policy'
import { gapKind } from '../quiz/cloze'
import { optionId } from '../quiz/option-id'
import { type Question, questionSchema } from '../quiz/question'
import { type Source, sourceSchema } from '../quiz/source'
import { answerNamedById } from './answer-named-by-id'
import { quoteOccursIn } from './quotes'
import { type BankError, parseYamlWith } from './yaml-file'

const setFileSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be kebab-case'),
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().min(1).max(500),
  /** Where the set appears on the home page, lowest first. */
  position: z.number().int().min(0).default(100),
  /** Which course sites may embed the set (see src/embed/policy.ts); not embeddable by default. */
  embed: embedPolicySchema,
  questions: z.array(questionSchema).min(1),
})

export type QuizSetDefinition = Omit<z.output<typeof setFileSchema>, 'questions'> & { questions: Question[] }
export type Bank = { sources: Source[]; sets: QuizSetDefinition[] }
export type BankFile = { path: string; text: string }
export type BankCheck = { bank: Bank; errors: BankError[] }

/**
 * Validates the whole bank: each file against its schema, then the rules that
 * span files (unique ids, known sources, slug = file name). Pure: callers read
 * the files (scripts from disk, tests from a binding). With `sourceTexts`
 * (source file name -> text) it also checks every evidence quote against its
 * source.
 */
export function checkBank(
  sourcesFile: BankFile,
  setFiles: BankFile[],
  sourceTexts?: Map<string, string>,
): BankCheck {
  const errors: BankError[] = []
  const parsedSources = parseYamlWith(sourcesFile.text, sourcesFile.path, z.array(sourceSchema))
  errors.push(...parsedSources.errors)
  const sources = parsedSources.value ?? []
  const sourceIds = new Set<string>()
  sources.forEach((source, index) => {
    if (sourceIds.has(source.id))
      errors.push({
        file: sourcesFile.path,
        line: parsedSources.lineOf([index, 'id']),
        message: `duplicate source id "${source.id}"`,
      })
    sourceIds.add(source.id)
  })

  const sourceTextById = new Map<string, string | undefined>(
    sources.map((source) => [source.id, source.file ? sourceTexts?.get(source.file) : undefined]),
  )

  const sets: QuizSetDefinition[] = []
  const questionFiles = new Map<string, string>()
  for (const file of setFiles) {
    const parsed = parseYamlWith(file.text, file.path, setFileSchema)
    errors.push(...parsed.errors)
    if (!parsed.value) continue
    const set = parsed.value
    const at = (path: PropertyKey[], message: string) =>
      errors.push({ file: file.path, line: parsed.lineOf(path), message })
    const expectedSlug = file.path
      .split('/')
      .pop()
      ?.replace(/\.ya?ml$/, '')
    if (set.slug !== expectedSlug)
      at(['slug'], `slug "${set.slug}" must match the file name "${expectedSlug}"`)
    if (sets.some((other) => other.slug === set.slug)) at(['slug'], `duplicate set slug "${set.slug}"`)
    set.questions.forEach((question, index) => {
      const seenIn = questionFiles.get(question.id)
      if (seenIn) at(['questions', index, 'id'], `duplicate question id "${question.id}" (also in ${seenIn})`)
      questionFiles.set(question.id, file.path)
      // The bank's questions are all cited: "uncited" is for an instructor's own questions only.
      if (question.evidence.length === 0) at(['questions', index], 'evidence: cite at least one passage')
      question.evidence.forEach((cited, citedIndex) => {
        const where = ['questions', index, 'evidence', citedIndex]
        if (!sourceIds.has(cited.source)) at([...where, 'source'], `unknown source "${cited.source}"`)
        if (!sourceTexts) return
        const sourceText = sourceTextById.get(cited.source)
        if (sourceText === undefined) at([...where, 'source'], 'no source text to check the quote against')
        else if (!quoteOccursIn(cited.quote, sourceText))
          at([...where, 'quote'], `quote not found in the text of "${cited.source}"`)
      })
      const collision = findOptionIdCollision(question)
      if (collision) at(['questions', index], collision)
      const giveaway = answerNamedById(question)
      if (giveaway)
        at(
          ['questions', index, 'id'],
          `id "${question.id}" contains the answer "${giveaway}"; learners see ids, so name the topic instead`,
        )
    })
    sets.push(set)
  }
  sets.sort((a, b) => a.position - b.position || a.slug.localeCompare(b.slug))
  return { bank: { sources, sets }, errors }
}

/** Option ids are short hashes; refuse the (unlikely) question whose texts collide. */
function findOptionIdCollision(question: Question): string | null {
  const texts: [Parameters<typeof optionId>[1], string[]][] =
    question.type === 'single' || question.type === 'multiple'
      ? [['choice', question.choices]]
      : question.type === 'ordering'
        ? [['item', question.items]]
        : question.type === 'matching'
          ? [
              ['left', question.pairs.map((pair) => pair.left)],
              ['right', question.pairs.map((pair) => pair.right)],
            ]
          : question.type === 'cloze'
            ? question.gaps.flatMap((gap, index) =>
                gap.type === 'choice' ? [[gapKind(index + 1), gap.choices] as (typeof texts)[number]] : [],
              )
            : []
  for (const [kind, list] of texts) {
    const ids = new Set(list.map((text) => optionId(question.id, kind, text)))
    if (ids.size !== list.length) return `two ${kind} texts hash to the same option id; reword one of them`
  }
  return null
}
