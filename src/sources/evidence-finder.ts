/**
 * The evidence finder: ranks passages by how likely they support a question's
 * answer, with Okapi BM25 over the answer's words (counted twice) and the
 * prompt's words. Pure, so it is unit-tested; the studio feeds it the
 * passages of the instructor's sources and the bank's.
 */

// Words that say nothing about which passage proves an answer.
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that ' +
    'these those which who whom whose what when where why how not no do does did has have had will would can ' +
    'could should may might than then there their they them he she his her him we our you your i my me about ' +
    'into over after before between during under up down out so such each all any some more most other also ' +
    'according said says say true false following order match'
  ).split(' '),
)

/**
 * The words BM25 compares: lower case, accents and thousands separators
 * dropped, stop words out, a plural or possessive "s" trimmed.
 * @example termsOf("Kazakhstan's 1,500 pipelines") // ['kazakhstan', '1500', 'pipeline']
 */
export function termsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(\d)[,\u00a0 ](?=\d{3}\b)/g, '$1')
    .replace(/['\u2019]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
}

export type EvidenceQuery = {
  /** The correct answer's texts (choices, items, pairs, the number). */
  answer: string[]
  prompt: string
}

const K1 = 1.2
const B = 0.75
const ANSWER_WEIGHT = 2

/**
 * The `limit` passages that best match the query, best first, each with its
 * score; passages sharing no word with the query are left out.
 * @example rankPassages([{ text: 'The CPC pipeline ends at Novorossiysk.' }], { answer: ['Novorossiysk'], prompt: 'Where does it end?' })
 */
export function rankPassages<P extends { text: string }>(
  passages: readonly P[],
  query: EvidenceQuery,
  limit = 5,
): (P & { score: number })[] {
  const weights = new Map<string, number>()
  for (const term of termsOf(query.prompt)) weights.set(term, 1)
  for (const term of termsOf(query.answer.join(' '))) weights.set(term, ANSWER_WEIGHT)
  if (weights.size === 0 || passages.length === 0) return []
  const documents = passages.map((passage) => termsOf(passage.text))
  const averageLength = documents.reduce((sum, terms) => sum + terms.length, 0) / documents.length || 1
  const documentFrequency = new Map<string, number>()
  for (const terms of documents)
    for (const term of new Set(terms))
      if (weights.has(term)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
  const total = documents.length
  const scored = passages.map((passage, index) => {
    const terms = documents[index] ?? []
    const counts = new Map<string, number>()
    for (const term of terms) if (weights.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1)
    let score = 0
    for (const [term, count] of counts) {
      const frequency = documentFrequency.get(term) ?? 0
      const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
      const norm = count + K1 * (1 - B + (B * terms.length) / averageLength)
      score += (weights.get(term) ?? 0) * idf * ((count * (K1 + 1)) / norm)
    }
    return { ...passage, score }
  })
  return scored
    .filter((passage) => passage.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}
