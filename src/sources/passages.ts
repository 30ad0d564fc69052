/**
 * A source's text as numbered passages: paragraphs split into sentences.
 * Citations point at a passage by its position, the evidence finder ranks
 * passages, and drafts are made from them, so all three must split alike.
 */
export type Passage = {
  /** 0-based paragraph number in the source text. */
  paragraph: number
  /** 0-based sentence number within its paragraph. */
  sentence: number
  text: string
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'no',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'gen',
  'col',
  'lt',
  'gov',
  'sen',
  'rep',
  'inc',
  'ltd',
  'co',
  'corp',
])

/** Paragraphs of a plain text: runs of non-blank lines, whitespace folded. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n|\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
}

// A sentence ends at . ! or ? (optionally followed by closing quotes or
// brackets) when the next sentence starts with a capital, a digit or an
// opening quote. Scraped texts often lose the space ("view.He didn't"), so the
// space is optional when a lower-case letter is followed by a capital.
const BOUNDARY =
  /([.!?]['"\u2019\u201d)\]]*)(\s+|(?<=[a-z][.!?]['"\u2019\u201d]*)(?=[A-Z]))(?=['"\u2018\u201c(]?[A-Z0-9])/g

/**
 * The sentences of one paragraph.
 * @example sentencesOf('Mr. Smith came. He left.') // ['Mr. Smith came.', 'He left.']
 */
export function sentencesOf(paragraph: string): string[] {
  const sentences: string[] = []
  let start = 0
  for (const match of paragraph.matchAll(BOUNDARY)) {
    const end = (match.index ?? 0) + (match[1]?.length ?? 0)
    const before = paragraph.slice(start, end)
    const lastWord =
      /(?:^|[\s(\u201c"])([A-Za-z.]+)[.!?]['"\u2019\u201d)\]]*$/.exec(before)?.[1]?.toLowerCase() ?? ''
    // "J. K. Rowling", "Mr. Smith": a single capital or a known abbreviation is not an end.
    if (ABBREVIATIONS.has(lastWord) || /^[a-z]$/.test(lastWord)) continue
    const sentence = before.trim()
    if (sentence) sentences.push(sentence)
    start = end
  }
  const rest = paragraph.slice(start).trim()
  if (rest) sentences.push(rest)
  return sentences
}

/** Every passage of a text, in reading order. */
export function passagesOf(text: string): Passage[] {
  return paragraphsOf(text).flatMap((paragraphText, paragraph) =>
    sentencesOf(paragraphText).map((sentenceText, sentence) => ({ paragraph, sentence, text: sentenceText })),
  )
}
