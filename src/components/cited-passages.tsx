import type { Citation } from '../quiz/feedback'
import { ResponsiveImage } from './responsive-image'
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
          {citation.figure && (
            <figure class="evidence__figure">
              <ResponsiveImage image={citation.figure.image} />
              {citation.figure.caption && <figcaption>{citation.figure.caption}</figcaption>}
            </figure>
          )}
          <figcaption>
            Source: <SourceLine source={citation.source} withReliability={withReliability} />
          </figcaption>
        </figure>
      ))}
    </>
  )
}
