/**
 * Evidence quotes must occur in their source text. Sources mix straight and
 * curly quote marks, dashes and line breaks, so both sides are folded first.
 */
export function foldForQuoteMatch(value: string): string {
  return value
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033«»]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

/** True when `quote` appears in `sourceText`, ignoring whitespace, quote-mark and dash style. */
export function quoteOccursIn(quote: string, sourceText: string): boolean {
  return foldForQuoteMatch(sourceText).includes(foldForQuoteMatch(quote))
}
