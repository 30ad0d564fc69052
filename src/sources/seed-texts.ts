import { quoteOccursIn } from '../bank/quotes'

/**
 * Which seed file holds which bank source's text: the file in which most of
 * the quotes citing that source occur (file names are not trusted, so a
 * renamed or re-exported seed folder still maps). Sources no file matches get
 * no text, and the bank works without it.
 * @example matchSeedTexts([{ source: 'courier', quote: 'Oil flows.' }], [{ name: 'a.txt', text: 'Oil flows.' }]) // Map { 'courier' => { name: 'a.txt', … } }
 */
export function matchSeedTexts<F extends { name: string; text: string }>(
  citations: readonly { source: string; quote: string }[],
  files: readonly F[],
): Map<string, F> {
  const bySource = new Map<string, string[]>()
  for (const { source, quote } of citations) bySource.set(source, [...(bySource.get(source) ?? []), quote])
  const matched = new Map<string, F>()
  for (const [source, quotes] of bySource) {
    let best: { file: F; hits: number } | null = null
    for (const file of files) {
      const hits = quotes.filter((quote) => quoteOccursIn(quote, file.text)).length
      if (hits > 0 && (!best || hits > best.hits)) best = { file, hits }
    }
    if (best) matched.set(source, best.file)
  }
  return matched
}
