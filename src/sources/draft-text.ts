import { countWords, MAX_QUOTE_WORDS } from '../quiz/question'
import { isProperAdjective } from './entities'

/**
 * Text helpers of the draft generator: which sentences can make a fair
 * question, the plain statement inside a sentence, numbers and dates in it,
 * and the shortest verbatim quote around a fact.
 */

const PRONOUN_START =
  /^(?:he|she|it|they|this|these|that|those|such|its|their|his|her|there|here|what|why|how|one|both|all|some)\b/i
const FIRST_PERSON = /\b(?:I|we|We|us|our|Our|my|My|you|You|your)\b/
const DISCOURSE_MARKER =
  /^(?:however|indeed|in fact|additionally|moreover|furthermore|of course|recently|now|more importantly|at the same time|consequently|seemingly|in other words|all in all|thus|therefore|meanwhile|yet|still|also|first|firstly|secondly|thirdly|finally|in addition|likewise|in retaliation|for this reason|for example|because|and|but|so|then)[,:]?\s+/i

/**
 * True when a sentence can stand alone as a claim: a full sentence of 6 to 60
 * words, not a question, not speech in the first person, not starting with a
 * pronoun whose referent is in another sentence.
 */
export function isClaim(sentence: string): boolean {
  const words = countWords(sentence)
  if (words < 6 || words > 60) return false
  if (!/[.!]["'\u201d\u2019)]*$/.test(sentence)) return false
  if (/^["'\u201c\u2018]/.test(sentence)) return false
  if (FIRST_PERSON.test(sentence.replace(/\b(?:US|U\.S\.)\b/g, ''))) return false
  if (/\[\.\.\.\]|https?:|www\.|^[a-z]/.test(sentence)) return false
  // "the conflict broke out Later, Russia ...": two sentences glued by a bad translation or scrape.
  if (/[a-z] (?:Later|However|Then|But|And|So|Also|Therefore)\b/.test(sentence)) return false
  return !PRONOUN_START.test(withoutMarker(sentence))
}

/** The sentence without a leading "However," / "In fact," and without its final stop. */
export function withoutMarker(sentence: string): string {
  let text = sentence.trim()
  for (let previous = ''; previous !== text; ) {
    previous = text
    text = text.replace(DISCOURSE_MARKER, '')
  }
  return text
}

/**
 * The plain statement a sentence makes: discourse markers, dash asides and the
 * final stop removed, and the first letter lower-cased unless it starts a name,
 * so it reads after "According to X, ".
 */
export function statementOf(sentence: string, startsWithName: (text: string) => boolean): string {
  let text = withoutMarker(sentence)
    // A dash aside goes; when a new clause follows it ("oil—the main export—the problem is"), a comma stays.
    .replace(
      /\s*[\u2014\u2013]\s*[^\u2014\u2013]+[\u2014\u2013]\s*(?=(the|a|an|[A-Z])\b)?/g,
      (_aside, clause) => (clause ? ', ' : ' '),
    )
    // "..., Bild notes." / "..., writes DC's Nikola Mikovic.": the attribution is the prompt's "According to".
    .replace(
      /,\s+(?:[A-Z][\w\u2019'.]*\s+){1,3}(?:notes|says|said|writes|reports|adds)\s*([.!]["\u201d\u2019']*)$/,
      '$1',
    )
    .replace(/,\s+(?:notes|says|writes|reports|adds)\s+[A-Z][^,]*?([.!]["\u201d\u2019']*)$/, '$1')
    .replace(/\s*[.!](["\u201d\u2019']*)$/, '$1')
    .replace(/\s+([,;])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
  // Lower-cased after "According to X, " unless it starts a name or a proper adjective ("Kazakh").
  const first = /^[A-Z][a-z]+(?=[\s,]|$)/.exec(text)?.[0]
  if (first && !startsWithName(text) && !isProperAdjective(first)) text = lowerFirst(text)
  return text
}

/**
 * The main clause of a clause cut by `clauseUpTo`: a lead-in before a colon or
 * "given that" goes ("X wants to be free: Y ordered ..." gives "Y ordered ...").
 */
export function mainClauseOf(clause: string): string {
  return clause
    .replace(/^[^:]*:\s+(?=[A-Z])/, '')
    .replace(/^.*?\b(?:particularly |especially )?given that\s+/, '')
}

/** Cuts a prompt's statement at the end of the clause that holds position `at` ("..., while ..." goes). */
export function clauseUpTo(statement: string, at: number): string {
  const rest = statement.slice(at)
  const end = CLAUSE_END.exec(rest)
  return end ? statement.slice(0, at + end.index).replace(/[\s,]+$/, '') : statement
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A figure written in a sentence: "over 80%", "30 days", "1,700 railcars". */
export type Figure = {
  /** The whole phrase, qualifier included, as written. */
  text: string
  start: number
  value: number
  /** How the number itself is written ("1,700"), to find it in a quote. */
  written: string
  qualifier: 'more than' | 'less than' | 'about' | null
  /** "%" or a plural noun ("days", "miles"). */
  unit: string
  /** "a 4,253-mile border": the noun the figure measures. */
  measured: string | null
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const MONTH = MONTHS.join('|')
const QUALIFIERS: Record<string, Figure['qualifier']> = {
  over: 'more than',
  'more than': 'more than',
  'at least': 'more than',
  'less than': 'less than',
  'fewer than': 'less than',
  under: 'less than',
  about: 'about',
  around: 'about',
  nearly: 'about',
  almost: 'about',
  some: 'about',
  roughly: 'about',
}
// Words after a number that are not the thing counted.
const NOT_UNITS = new Set(
  'and or of the a an to in on at by for from with as is are was were that which who percent per'.split(' '),
)
const FIGURE = new RegExp(
  String.raw`(?<![\w.,$])(?:(over|more than|at least|less than|fewer than|under|about|around|nearly|almost|some|roughly|only)\s+)?` +
    String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.]*\d)(?:(\s*%|\s+percent\b)|-([a-z]+)\s+([a-z]+)|\s+([a-z][a-z-]*))?`,
  'g',
)

/** The figures of a sentence that make a numeric question; years, dates, ordinals and ranges are left out. */
export function figuresIn(sentence: string): Figure[] {
  const figures: Figure[] = []
  for (const match of sentence.matchAll(FIGURE)) {
    const [text, qualifierWord, written = '', percent, hyphenUnit, measured, noun] = match
    const start = match.index ?? 0
    const before = sentence.slice(0, start)
    const after = sentence.slice(start + text.length)
    const value = Number(written.replace(/,/g, ''))
    if (!Number.isFinite(value)) continue
    if (/^\d{4}$/.test(written) && value >= 1900 && value <= 2100) continue
    if (new RegExp(`(?:${MONTH})\\s+$`).test(before)) continue
    if (/^(?:st|nd|rd|th)\b/.test(after) || /(?:st|nd|rd|th)$/.test(text)) continue
    if (/\d\s+or\s+$/.test(before) || /^\s+or\s+\d/.test(after) || /\bor\s+\d/.test(text)) continue
    let unit: string
    if (percent) unit = '%'
    else if (hyphenUnit) unit = plural(hyphenUnit)
    else if (noun && !NOT_UNITS.has(noun)) unit = noun
    else continue
    figures.push({
      text: noun && NOT_UNITS.has(noun) ? text.slice(0, text.lastIndexOf(noun)).trimEnd() : text,
      start,
      value,
      written,
      qualifier: qualifierWord ? (QUALIFIERS[qualifierWord] ?? null) : null,
      unit,
      measured: hyphenUnit ? (measured ?? null) : null,
    })
  }
  return figures
}

function plural(noun: string): string {
  return /s$/.test(noun) ? noun : `${noun}s`
}

/** A date written in a sentence: "On July 5", "in 2006". */
export type DateMention = {
  /** The phrase to remove to get the event, preposition included ("On July 5"). */
  text: string
  start: number
  month: string | null
  day: number | null
  year: number | null
}

const FULL_DATE = new RegExp(
  String.raw`(?:\b(on|since|as early as)\s+)?\b(${MONTH})\s+(\d{1,2})(?:,?\s+(\d{4}))?\b(?![\w-]*\s+[a-z])`,
  'gi',
)
const YEAR_ONLY = /\b(In|in)\s+((?:19|20)\d\d)\b(?!\s*(?:to|and|-))/g

/** Dates of a sentence that stand for an event ("the February 24 invasion" does not). */
export function datesIn(sentence: string): DateMention[] {
  const dates: DateMention[] = []
  for (const match of sentence.matchAll(FULL_DATE)) {
    const [text, , month = '', day = '', year] = match
    const start = match.index ?? 0
    // "the Russian president's June 17 remarks": a date used as an adjective.
    if (/(?:the|’s|'s)\s+$/i.test(sentence.slice(0, start))) continue
    if (!MONTHS.includes(month)) continue
    dates.push({ text, start, month, day: Number(day), year: year ? Number(year) : null })
  }
  for (const match of sentence.matchAll(YEAR_ONLY)) {
    const [text, , year = ''] = match
    dates.push({ text, start: match.index ?? 0, month: null, day: null, year: Number(year) })
  }
  return dates.sort((a, b) => a.start - b.start)
}

/** A sortable key for a date: year (unknown years sort as one year), month, day. */
export function dateKey(date: DateMention): number {
  const month = date.month ? MONTHS.indexOf(date.month) + 1 : 0
  return (date.year ?? 0) * 10_000 + month * 100 + (date.day ?? 0)
}

const CLAUSE_END =
  /,\s+(?:where|which|who|whom|while|meaning|stating|saying|calling|although|though|but|because|since|as|so|and thus|after|before|when)\b|;|:|,\s+it\s+is\b/

/**
 * The event a dated sentence reports, without the date: "On July 5, X was
 * ordered to stop, meaning ..." gives "X was ordered to stop". Null when the
 * sentence does not read as one event.
 */
export function eventOf(
  sentence: string,
  date: DateMention,
  startsWithName: (text: string) => boolean,
): string | null {
  const before = withoutMarker(sentence.slice(0, date.start)).trim()
  const after = sentence
    .slice(date.start + date.text.length)
    .replace(/^\s*,?\s*/, '')
    .trim()
  let event: string
  if (!before || /^(?:given that|although|while|as|after|since|when|because)$/i.test(before)) event = after
  else if (/\b(?:that|given that)$/i.test(before)) event = after
  // "the Kazakh leader visited Tehran on June 20, ...": the date inside the clause (a stray "html" before it is not).
  else if (countWords(before) >= 3 && /[a-z]$/.test(before))
    event = `${before}${/^\s*,/.test(sentence.slice(date.start + date.text.length)) ? ', ' : ' '}${after}`
  else return null
  event = statementOf(event, startsWithName)
  const end = CLAUSE_END.exec(event)
  if (end) event = event.slice(0, end.index)
  event = event.replace(/[\s,]+$/, '')
  const words = countWords(event)
  if (words < 4 || words > 35) return null
  return event
}

/**
 * The shortest verbatim span of `text` around [start, end) that reads as a
 * quote: the clause holding the fact, widened by whole clauses while it stays
 * within 25 words; a window of words when the clause alone is longer.
 */
export function quoteAround(text: string, start: number, end: number, maxWords = MAX_QUOTE_WORDS): string {
  if (countWords(text) <= maxWords) return text.trim()
  // Clause boundaries: after , ; : and dashes.
  const cuts = [0]
  for (const match of text.matchAll(/[,;:\u2014\u2013]\s*/g)) cuts.push((match.index ?? 0) + match[0].length)
  cuts.push(text.length)
  let from = Math.max(...cuts.filter((cut) => cut <= start))
  let to = Math.min(...cuts.filter((cut) => cut >= end))
  const words = (a: number, b: number) => countWords(text.slice(a, b))
  if (words(from, to) > maxWords) return wordWindow(text, start, end, maxWords)
  for (let grew = true; grew; ) {
    grew = false
    const right = cuts.find((cut) => cut > to)
    if (right !== undefined && words(from, right) <= maxWords) {
      to = right
      grew = true
      continue
    }
    const left = [...cuts].reverse().find((cut) => cut < from)
    if (left !== undefined && words(left, to) <= maxWords) {
      from = left
      grew = true
    }
  }
  return trimQuote(text.slice(from, to))
}

function wordWindow(text: string, start: number, end: number, maxWords: number): string {
  const spans = [...text.matchAll(/\S+/g)].map((match) => ({
    from: match.index ?? 0,
    to: (match.index ?? 0) + match[0].length,
  }))
  const first = Math.max(
    0,
    spans.findIndex((span) => span.to > start),
  )
  let last = spans.findIndex((span) => span.to >= end)
  if (last < 0) last = spans.length - 1
  let lo = first
  let hi = last
  // Grow mostly to the right: the words after a figure usually say what it counts.
  while (hi - lo + 1 < maxWords) {
    if (hi < spans.length - 1 && (lo === 0 || hi - last <= 2 * (first - lo) + 6)) hi++
    else if (lo > 0) lo--
    else break
  }
  const a = spans[lo]?.from ?? 0
  const b = spans[hi]?.to ?? text.length
  return trimQuote(text.slice(a, b))
}

function trimQuote(quote: string): string {
  return quote.replace(/^[\s,;:\u2014\u2013]+|[\s,;:\u2014\u2013]+$/g, '').trim()
}
