import { answerNamedById } from '../bank/answer-named-by-id'
import { type ExportedQuestion, exportQuestion } from '../bank/export'
import { foldForQuoteMatch, quoteOccursIn } from '../bank/quotes'
import { countWords, MAX_QUOTE_WORDS, type Question, questionSchema } from '../quiz/question'
import {
  clauseUpTo,
  type DateMention,
  dateKey,
  datesIn,
  eventOf,
  type Figure,
  figuresIn,
  isClaim,
  mainClauseOf,
  quoteAround,
  statementOf,
  upperFirst,
  withoutMarker,
} from './draft-text'
import { capitalisedRunsOf, EntityIndex, type EntityKind, type EntityMention } from './entities'
import type { Passage } from './passages'

/**
 * Draft questions from a source, with their evidence attached by
 * construction. Rule-based, offline and deterministic: the same source and
 * companions always give the same drafts, which an instructor then reviews
 * (accept, edit, reject). Nothing here decides what is published.
 *
 * Rules: figures -> numeric; dates -> numeric (day or year); named people,
 * places and organisations -> single choice (distractors of the same kind from
 * all the sources) or short text; lists -> multiple select; statements ->
 * true/false (false ones swap an entity or a figure); dated events -> ordering.
 */

/** A source to draft from: its name (the evidence's `source`), title, outlet and passages. */
export type DraftSource = { name: string; title: string; outlet?: string; passages: Passage[] }

export type DraftRule = 'figure' | 'date' | 'entity' | 'list' | 'statement' | 'ordering'

/** A draft: a question in the `questions:export` shape, plus the passage it cites and the rule that made it. */
export type Draft = ExportedQuestion & {
  passage: { paragraph: number; sentence: number }
  rule: DraftRule
}

export type DraftOptions = {
  /** The `set` field of the drafts (default "drafts"). */
  set?: string
}

const KIND_NOUN: Record<EntityKind, { one: string; many: string; who: string }> = {
  person: { one: 'person', many: 'people', who: 'Who' },
  place: { one: 'place', many: 'places', who: 'Which place' },
  organisation: { one: 'organisation', many: 'organisations', who: 'Which organisation' },
}

type Candidate = {
  rule: DraftRule
  passage: Passage
  quote: string
  question: DraftBody
}

/** A question without the fields `finish` adds (distributed over the question types). */
type DraftBody = Question extends infer Each
  ? Each extends Question
    ? Omit<Each, 'id' | 'evidence' | 'tags'>
    : never
  : never

/**
 * Drafts for one source. `others` are the instructor's other sources: their
 * names give distractors and false variants, never answers.
 * @example draftQuestions({ name: 'memo', title: 'Memo', passages: passagesOf(text) }, [])
 */
export function draftQuestions(
  source: DraftSource,
  others: DraftSource[] = [],
  options: DraftOptions = {},
): Draft[] {
  const claims = distinctClaims(source.passages)
  // Names come from the articles' claims only, not from menus and sidebars ("Category Latest News").
  const everySentence = [source, ...others].flatMap((each) =>
    distinctClaims(each.passages).map((passage) => passage.text),
  )
  const context: Context = {
    source,
    entities: new EntityIndex(everySentence),
    paragraphs: paragraphTexts(source.passages),
    figures: others.flatMap((each) => each.passages.flatMap((passage) => figuresIn(passage.text))),
    according: `According to ${source.outlet?.trim() || 'the source'}`,
  }
  const candidates: Candidate[] = []
  // True and false statements are balanced: a false one is tried whenever the true ones are ahead.
  const statements = { true: 0, false: 0 }
  for (const passage of claims) {
    const list = listDrafts(passage, context)
    const made = [
      ...figureDrafts(passage, context),
      ...dateDrafts(passage, context),
      // A list and a question on one of its names would give each other away.
      ...(list.length ? list : entityDrafts(passage, context)),
    ]
    candidates.push(...made)
    if (made.length === 0 || made.every((candidate) => candidate.rule === 'date')) {
      const statement = statementDraft(passage, context, statements.true > statements.false)
      if (statement) {
        candidates.push(statement)
        if (statement.question.type === 'true_false')
          statements[statement.question.answer ? 'true' : 'false']++
      }
    }
  }
  const ordering = orderingDraft(claims, context)
  if (ordering) candidates.push(ordering)
  return finish(candidates, source, options.set ?? 'drafts')
}

type Context = {
  source: DraftSource
  entities: EntityIndex
  paragraphs: Map<number, string>
  figures: Figure[]
  according: string
}

const BOILERPLATE =
  /^(?:about(?: the author)?|you may also like|related(?: articles| posts| stories)?|read more|most popular|no comments:?|\d* ?comments:?|post a comment|share this(?: article)?)$/i

/** Passages that can stand as claims, each text once (scraped pages repeat themselves). */
function distinctClaims(passages: Passage[]): Passage[] {
  const seen = new Set<string>()
  // Scraped pages end in comments, author boxes and "You may also like": the article stops there.
  const end =
    passages.find((passage) => BOILERPLATE.test(passage.text))?.paragraph ?? Number.POSITIVE_INFINITY
  return passages.filter((passage) => {
    if (passage.paragraph >= end) return false
    const key = foldForQuoteMatch(passage.text).toLowerCase()
    if (seen.has(key) || !isClaim(passage.text)) return false
    seen.add(key)
    return true
  })
}

function paragraphTexts(passages: Passage[]): Map<number, string> {
  const paragraphs = new Map<number, string>()
  for (const passage of passages)
    paragraphs.set(passage.paragraph, `${paragraphs.get(passage.paragraph) ?? ''} ${passage.text}`)
  return paragraphs
}

function startsWithNameIn(context: Context) {
  return (text: string) => {
    const first = capitalisedRunsOf(text)[0]
    if (first?.start !== 0) return false
    return (
      context.entities.kindOf(first.text) !== null ||
      context.entities.isProperName(first.text.split(' ')[0] ?? '')
    )
  }
}

function figureDrafts(passage: Passage, context: Context): Candidate[] {
  const whole = statementOf(passage.text, startsWithNameIn(context))
  const drafts: Candidate[] = []
  for (const found of figuresIn(whole)) {
    // A long sentence is asked through the clause that holds the figure.
    const statement = countWords(whole) > 35 ? lastClauseBefore(whole, found.start) : whole
    const figure = figuresIn(statement).find((each) => each.written === found.written)
    if (!figure || countWords(statement) > 35) continue
    const asked = askFigure(clauseUpTo(statement, figure.start + figure.text.length), figure)
    if (!asked) continue
    const at = passage.text.indexOf(figure.written)
    if (at < 0) continue
    const quote = quoteAround(passage.text, at, at + figure.written.length)
    if (!quote.includes(figure.written)) continue
    const unitText = figure.unit === '%' ? '%' : ` ${figure.unit}`
    drafts.push({
      rule: 'figure',
      passage,
      quote,
      question: {
        type: 'numeric',
        prompt: `${context.according}, ${asked}?`,
        answer: figure.value,
        tolerance: 0,
        unit: figure.unit.slice(0, 20),
        explanation: `The source gives ${figure.qualifier ? `${figure.qualifier} ` : ''}${figure.written}${unitText}. Only that figure is accepted; add a tolerance if the figure is approximate.`,
        difficulty: 'medium',
      },
    })
  }
  return drafts.slice(0, 1)
}

/** The text from the last ", the ..." / ", Name ..." before `at`: the main clause of a long sentence. */
function lastClauseBefore(statement: string, at: number): string {
  const head = statement.slice(0, at)
  const cut = Math.max(
    ...[...head.matchAll(/,\s+(?=the\s|a\s|[A-Z])/g)].map((match) => (match.index ?? 0) + match[0].length),
    0,
  )
  return cut > 0 && countWords(statement.slice(cut)) >= 5 ? statement.slice(cut) : statement
}

/** The statement with the figure turned into "how many days" / "what percentage". */
function askFigure(statement: string, figure: Figure): string | null {
  const qualifier = figure.qualifier && figure.qualifier !== 'about' ? `${figure.qualifier} ` : ''
  let asked: string
  if (figure.measured) {
    // "a 4,253-mile border" -> "a border of how many miles"
    const phrase = new RegExp(`\\b(?:a|an)\\s+${escapeRegExp(figure.text)}`)
    if (!phrase.test(statement)) return null
    asked = statement.replace(phrase, `a ${figure.measured} of ${qualifier}how many ${figure.unit}`)
  } else if (figure.unit === '%') {
    asked = statement.replace(figure.text, `${qualifier}what percentage`)
  } else {
    asked = statement.replace(figure.text, `${qualifier}how many ${figure.unit}`)
  }
  if (asked === statement || /\bwith whom\b|\bwhose\b|[\u2014\u2013]/.test(asked)) return null
  // "... reported soon after that how many railcars ..." reads badly: ask the clause after "that".
  const that = /^(.*?)\bthat\s+((?:more than |less than )?how many .*)$/.exec(asked)
  if (that?.[2]) asked = that[2]
  return mainClauseOf(asked)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function dateDrafts(passage: Passage, context: Context): Candidate[] {
  for (const date of datesIn(passage.text)) {
    const event = eventOf(passage.text, date, startsWithNameIn(context))
    if (!event) continue
    const answer = date.day ?? date.year
    if (answer === null) continue
    const written = date.day !== null ? `${date.month} ${date.day}` : String(date.year)
    const at = passage.text.indexOf(written)
    const quote = quoteAround(passage.text, at, eventEndIn(passage.text, event, at + written.length))
    if (!quote.includes(written)) continue
    const when =
      date.day !== null
        ? `On which day of ${date.month}${date.year ? ` ${date.year}` : ''} did this happen? (Enter the day of the month.)`
        : 'In which year did this happen?'
    return [
      {
        rule: 'date',
        passage,
        quote,
        question: {
          type: 'numeric',
          prompt: `${context.according}, ${event}. ${when}`,
          answer,
          tolerance: 0,
          explanation: `The source dates this to ${written}${date.day !== null && date.year ? `, ${date.year}` : ''}.`,
          difficulty: 'medium',
        },
      },
    ]
  }
  return []
}

/** Where the event's last words end in the passage, so its quote holds the event as well as the date. */
function eventEndIn(text: string, event: string, fallback: number): number {
  const tail = event.split(' ').slice(-3).join(' ')
  const at = text.indexOf(tail)
  return at < 0 ? fallback : Math.max(fallback, at + tail.length)
}

/** Entity answers that are the subject of the whole text ("Kazakhstan") make trivial questions. */
function isTooCommon(name: string, context: Context): boolean {
  const mentions = context.source.passages.filter((passage) => passage.text.includes(name)).length
  return mentions > Math.max(3, context.source.passages.length / 6)
}

function entityDrafts(passage: Passage, context: Context): Candidate[] {
  const statement = statementOf(passage.text, startsWithNameIn(context))
  if (countWords(statement) > 32) return []
  const mentions = context.entities
    .mentionsIn(statement)
    .filter((mention) => !isTooCommon(mention.text, context))
    .filter((mention) => statement.split(mention.text).length === 2)
    // Possessives ("Kazakhstan's exports") do not make a clean question.
    .filter((mention) => !/^(?:’s|'s)/.test(statement.slice(mention.end)))
  for (const mention of mentions) {
    const clause = mainClauseOf(clauseUpTo(statement, mention.end))
    const shift = statement.indexOf(clause)
    if (shift < 0) continue
    mention.start -= shift
    mention.end -= shift
    const before = clause.slice(0, mention.start)
    const after = clause.slice(mention.end)
    let asked: string | null = null
    const noun = KIND_NOUN[mention.kind]
    // The subject: "Margarita Simonyan, head of RT, pressed ..." -> "Who pressed ...?"
    if (SUBORDINATE_START.test(before)) continue
    if (
      /^(?:the\s+)?$/i.test(before) ||
      /^(?:the\s+)?[a-z]+\s+$/.test(before) ||
      /^(?:Mayor|President|Councillor|Minister|Governor|Senator|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+$/.test(before)
    ) {
      // "the Dunmore pier is ...": a name used as an adjective is not the subject.
      if (/^the\s+$/i.test(before) && /^\s+[a-z]/.test(after) && !/\s/.test(mention.text)) continue
      const rest = after.replace(/^,[^,]+,\s*/, ' ').trim()
      if (/^[a-z]/.test(rest) && !/^(?:and|or|of|in|is a|'s|’s)\b/.test(rest))
        asked = `${noun.who.toLowerCase()} ${rest}`
    } else if (
      /\b(?:to|in|from|via|through|visited|at|by|with|of)\s+(?:the\s+)?$/.test(before) &&
      !SUBORDINATE_START.test(before) &&
      // "of Kremlin propaganda": the name is used as an adjective.
      /^(?:$|[,;.?!]|\s+(?:in|on|at|to|for|as|and|where|while|by|with|during|after|before|into|via|every|each|last|this|next)\b)/.test(
        after,
      )
    ) {
      // A place or body after a preposition: "visited Tehran" -> "visited which place".
      asked = `${before.replace(/\bthe\s+$/, '')}which ${noun.one}${after}`
    }
    if (!asked) continue
    const at = passage.text.indexOf(mention.text)
    if (at < 0) continue
    const quote = quoteAround(passage.text, at, at + mention.text.length)
    if (!quote.includes(mention.text)) continue
    const distractors = distractorsFor(mention.text, mention.kind, passage, context, 3)
    const prompt = `${context.according}, ${asked}?`
    if (distractors.length === 3) {
      const choices = placeAnswer(mention.text, distractors)
      return [
        {
          rule: 'entity',
          passage,
          quote,
          question: {
            type: 'single',
            prompt,
            choices,
            answer: mention.text,
            explanation: `The source names ${mention.text}. The other choices are ${noun.many} named elsewhere in your sources.`,
            difficulty: 'easy',
          },
        },
      ]
    }
    const surname =
      mention.kind === 'person' && mention.text.includes(' ') ? mention.text.split(' ').pop() : undefined
    return [
      {
        rule: 'entity',
        passage,
        quote,
        question: {
          type: 'text',
          prompt,
          answer: mention.text,
          accept: surname ? [surname] : [],
          explanation: `The source names ${mention.text}.`,
          difficulty: 'medium',
        },
      },
    ]
  }
  return []
}

/** Same-kind names from all sources that the passage's paragraph does not mention, in a stable order. */
function distractorsFor(
  answer: string,
  kind: EntityKind,
  passage: Passage,
  context: Context,
  count: number,
  exclude: string[] = [],
): string[] {
  const paragraph = context.paragraphs.get(passage.paragraph) ?? passage.text
  const taken = [answer, ...exclude]
  const overlaps = (a: string, b: string) => {
    const wordsOf = (value: string) => new Set(value.toLowerCase().split(/[\s-]+/))
    const aWords = wordsOf(a)
    return [...wordsOf(b)].some((word) => aWords.has(word))
  }
  const picked: string[] = []
  // The most mentioned names are the most plausible wrong answers (and scraped junk is mentioned once);
  // among them the pick is stirred by a hash, so two questions do not share all their distractors.
  const mentioned = context.entities
    .entitiesOf(kind)
    .filter((name) => !paragraph.includes(name) && placeClassOf(name) === placeClassOf(answer))
  const pool = mentioned
    .map((name, rank) => ({ name, score: rank + (hash(`${answer}|${name}`) % 5) }))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .map(({ name }) => name)
  // Names of the same shape first (one word for one word), so no choice stands out.
  const words = (name: string) => Math.min(name.split(' ').length, 3)
  const shaped = [
    ...pool.filter((name) => words(name) === words(answer)),
    ...pool.filter((name) => words(name) !== words(answer)),
  ]
  for (const name of shaped) {
    if (picked.length === count) break
    if ([...taken, ...picked].some((other) => overlaps(name, other))) continue
    picked.push(name)
  }
  return picked
}

/** Seas are not swapped for states, nor states for cities: a place's class by its last word. */
function placeClassOf(name: string): 'water' | 'state' | 'other' {
  if (/\b(?:Sea|Ocean|River|Lake|Gulf|Bay|Strait)$/.test(name)) return 'water'
  if (/\b(?:Republic|Republics|Federation|Union|States)$/.test(name)) return 'state'
  return 'other'
}

/** The answer among the distractors at a position that depends only on the texts. */
function placeAnswer(answer: string, distractors: string[]): string[] {
  const choices = [...distractors]
  choices.splice(hash(answer + distractors.join('|')) % (distractors.length + 1), 0, answer)
  return choices
}

/** FNV-1a: a small stable hash, so choices and picks never depend on Math.random. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193) >>> 0
  }
  return value
}

const SUBORDINATE_START = /^(?:since|although|though|because|if|when|while|as|after|before|unless|given)\b/i

const LIST_SEPARATOR = /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/

function listDrafts(passage: Passage, context: Context): Candidate[] {
  const statement = statementOf(passage.text, startsWithNameIn(context))
  if (countWords(statement) > 40) return []
  const runs = capitalisedRunsOf(statement)
  for (let first = 0; first < runs.length; first++) {
    let last = first
    while (runs[last + 1] && LIST_SEPARATOR.test(statement.slice(runs[last]?.end, runs[last + 1]?.start)))
      last++
    const members = runs.slice(first, last + 1)
    if (members.length < 3) continue
    const kinds = members
      .map((member) => context.entities.kindOf(member.text))
      .filter((kind) => kind !== null)
    const kind = kinds[0]
    if (!kind || kinds.some((other) => other !== kind)) continue
    const names = members.map((member) => member.text)
    const distractors = distractorsFor(
      names[0] ?? '',
      kind,
      passage,
      context,
      Math.min(3, 8 - names.length),
      names,
    )
    if (distractors.length < 2) continue
    const start = members[0]?.start ?? 0
    const end = members[members.length - 1]?.end ?? 0
    const before = statement.slice(0, start).replace(/\beither\s+$/, '')
    const asked = mainClauseOf(
      `${before}which of these ${KIND_NOUN[kind].many}${clauseUpTo(statement, end).slice(end)}`,
    )
    const at = passage.text.indexOf(names[0] ?? '')
    const lastAt = passage.text.indexOf(names[names.length - 1] ?? '')
    if (at < 0 || lastAt < 0) continue
    const quote = quoteAround(passage.text, at, lastAt + (names[names.length - 1]?.length ?? 0))
    if (!names.every((name) => quote.includes(name))) continue
    const choices = [...names, ...distractors].sort((a, b) => hash(a) - hash(b) || a.localeCompare(b))
    return [
      {
        rule: 'list',
        passage,
        quote,
        question: {
          type: 'multiple',
          prompt: `${context.according}, ${asked}? Pick all that apply.`,
          choices,
          answer: names,
          explanation: `The source lists ${joinNames(names)}. ${joinNames(distractors)} ${distractors.length > 1 ? 'are' : 'is'} named elsewhere in your sources, not here.`,
          difficulty: 'medium',
        },
      },
    ]
  }
  return []
}

function joinNames(names: string[]): string {
  if (names.length < 2) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/**
 * A true/false draft from a short statement: made false, when the true ones are ahead, by
 * swapping a name for another of the same kind, or a figure for another
 * figure of the same unit from the other sources.
 */
function statementDraft(passage: Passage, context: Context, tryFalse: boolean): Candidate | null {
  const statement = statementOf(passage.text, startsWithNameIn(context))
  const words = countWords(statement)
  if (words < 7 || words > 25) return null
  // "this pipeline", "for these reasons": the claim leans on a sentence the learner does not see.
  if (/\b(?:this|these|those|such)\b/i.test(statement)) return null
  const quote = quoteAround(passage.text, 0, passage.text.length)
  if (countWords(quote) > MAX_QUOTE_WORDS || !quote.includes(withoutMarker(passage.text).slice(0, 20)))
    return null
  const entities = context.entities
    .mentionsIn(statement)
    .filter((mention) => statement.split(mention.text).length === 2)
  const figures = figuresIn(statement)
  if (entities.length === 0 && figures.length === 0) return null
  const falseVersion = tryFalse ? falseVariantOf(statement, entities, figures, passage, context) : null
  if (!falseVersion)
    return {
      rule: 'statement',
      passage,
      quote,
      question: {
        type: 'true_false',
        prompt: `${context.according}, ${statement}.`,
        answer: true,
        explanation: 'The cited passage says so.',
        difficulty: 'easy',
      },
    }
  return {
    rule: 'statement',
    passage,
    quote,
    question: {
      type: 'true_false',
      prompt: `${context.according}, ${falseVersion.statement}.`,
      answer: false,
      explanation: falseVersion.explanation,
      difficulty: 'medium',
    },
  }
}

/**
 * An event short enough for an ordering item: appositives go ("X, the First
 * Deputy Head of ..., stated" -> "X stated"), and a long lead-in before the
 * last clause goes ("at the plenary session of ..., Tokayev confronted Putin").
 */
function itemOf(event: string): string {
  let item = event.replace(/,\s+(?:the|a|an)\s+[^,]+,\s+/g, ' ')
  if (countWords(item) > 14) {
    const last = item.slice(item.lastIndexOf(', ') + 2)
    if (item.includes(', ') && countWords(last) >= 5 && /^[A-Z]/.test(last)) item = last
  }
  return item
}

/**
 * A false version of a statement: a figure replaced by another of the same
 * unit from the other sources; else two names of the same kind exchanged
 * ("Kazakhstan refused to follow Russia" -> "Russia refused to follow
 * Kazakhstan"); else a name the text is not all about replaced by another of
 * its kind. Null when none of these makes a fair false claim.
 */
function falseVariantOf(
  statement: string,
  entities: (EntityMention & { kind: EntityKind })[],
  figures: Figure[],
  passage: Passage,
  context: Context,
): { statement: string; explanation: string } | null {
  const figure = figures[0]
  const otherFigure = figure
    ? context.figures.find((other) => other.unit === figure.unit && other.value !== figure.value)
    : undefined
  if (figure && otherFigure)
    return {
      statement: statement.replace(figure.written, otherFigure.written),
      explanation: `False: the source gives ${figure.written}, not ${otherFigure.written}.`,
    }
  for (const [index, first] of entities.entries()) {
    const second = entities
      .slice(index + 1)
      .find((other) => other.kind === first.kind && other.text !== first.text)
    // "Russia and Kazakhstan are both ...": exchanging a pair joined by "and" changes nothing.
    if (!second || /^\s*(?:,|and|or|, and|, or)\s*$/.test(statement.slice(first.end, second.start))) continue
    // Two names the whole text is about ("Russia", "Kazakhstan") exchanged make nonsense, not a fair false claim.
    if (isTooCommon(first.text, context) || isTooCommon(second.text, context)) continue
    return {
      statement: `${statement.slice(0, first.start)}${second.text}${statement.slice(first.end, second.start)}${first.text}${statement.slice(second.end)}`,
      explanation: `False: the source has ${first.text} and ${second.text} the other way round.`,
    }
  }
  for (const mention of entities) {
    if (isTooCommon(mention.text, context)) continue
    // "Kazakh President X": another person there would be given away by the title.
    if (
      mention.kind === 'person' &&
      /\b(?:President|Minister|Prime Minister)\s+$/.test(statement.slice(0, mention.start))
    )
      continue
    const [replacement] = distractorsFor(mention.text, mention.kind, passage, context, 1)
    if (!replacement) continue
    return {
      statement: `${statement.slice(0, mention.start)}${replacement}${statement.slice(mention.end)}`,
      explanation: `False: the source names ${mention.text}, not ${replacement}.`,
    }
  }
  return null
}

/** Dated events of the source in date order, as an ordering draft (3 to 5 events). */
function orderingDraft(claims: Passage[], context: Context): Candidate | null {
  const events: { passage: Passage; date: DateMention; event: string; quote: string }[] = []
  for (const passage of claims) {
    for (const date of datesIn(passage.text)) {
      if (date.day === null) continue
      const event = eventOf(passage.text, date, startsWithNameIn(context))
      const item = event ? itemOf(event) : null
      if (!item || countWords(item) > 25) continue
      const written = `${date.month} ${date.day}`
      const at = passage.text.indexOf(written)
      const quote = quoteAround(passage.text, at, at + written.length)
      if (events.some((other) => dateKey(other.date) === dateKey(date))) continue
      events.push({ passage, date, event: upperFirst(item), quote })
    }
  }
  if (events.length < 3) return null
  const chosen = events.sort((a, b) => dateKey(a.date) - dateKey(b.date)).slice(0, 5)
  const first = chosen[0]
  if (!first) return null
  const dates = chosen.map((each) => `${each.date.month} ${each.date.day}`)
  return {
    rule: 'ordering',
    passage: first.passage,
    quote: first.quote,
    question: {
      type: 'ordering',
      prompt: `${context.according}, put these events in the order they happened, earliest first.`,
      items: chosen.map((each) => each.event.slice(0, 200)),
      explanation: `The source dates them ${joinNames(dates)}.`,
      difficulty: 'hard',
    },
  }
}

/** Ids, evidence and validation: every draft that leaves here is a valid question whose quote occurs in its passage. */
function finish(candidates: Candidate[], source: DraftSource, set: string): Draft[] {
  const base =
    source.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'source'
  const drafts: Draft[] = []
  const ids = new Set<string>()
  const prompts = new Set<string>()
  for (const candidate of candidates) {
    const { passage, quote, rule } = candidate
    if (countWords(quote) > MAX_QUOTE_WORDS || !quoteOccursIn(quote, passage.text)) continue
    // Scraped pages repeat a paragraph with a small change: one draft per question.
    const promptKey = foldForQuoteMatch(candidate.question.prompt).toLowerCase()
    if (prompts.has(promptKey)) continue
    prompts.add(promptKey)
    let id = `${base}-${rule}-p${passage.paragraph + 1}-s${passage.sentence + 1}`
    for (let suffix = 2; ids.has(id); suffix++)
      id = `${base}-${rule}-p${passage.paragraph + 1}-s${passage.sentence + 1}-${suffix}`
    const parsed = questionSchema.safeParse({
      ...candidate.question,
      id,
      tags: ['draft', rule],
      evidence: [{ source: source.name, quote, paragraph: passage.paragraph, sentence: passage.sentence }],
    })
    if (!parsed.success || answerNamedById(parsed.data)) continue
    ids.add(id)
    const exported = exportQuestion(set, parsed.data, [])
    drafts.push({
      ...exported,
      evidence: exported.evidence.map((cited) => ({
        ...cited,
        title: source.title,
        outlet: source.outlet ?? null,
      })),
      passage: { paragraph: passage.paragraph, sentence: passage.sentence },
      rule,
    })
  }
  return drafts
}
