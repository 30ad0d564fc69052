import type { Citation } from '../quiz/feedback'
import { SourceLine } from './source-line'

/**
 * One quote-and-source box per cited passage; nothing at all for an uncited
 * question, so a learner never sees an empty or made-up source box.
 */
export function CitedPassages({
  citations,
  withReliability = true,
}: {
  citations: Citation[]
  withReliability?: boolean
}) {
  return (
    <>
      {citations.map((citation) => (
        <figure class="evidence" key={`${citation.source.id}:${citation.quote}`}>
          <blockquote>{citation.quote}</blockquote>
          <figcaption>
            Source: <SourceLine source={citation.source} withReliability={withReliability} />
          </figcaption>
        </figure>
      ))}
    </>
  )
}
