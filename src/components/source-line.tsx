import type { SourceSummary } from '../quiz/source'

/** "Diplomatic Courier · article" with the reliability note for people weighing the source. */
export function SourceLine({
  source,
  withReliability = true,
}: {
  source: SourceSummary
  withReliability?: boolean
}) {
  return (
    <span class="source-line">
      <cite>{source.title}</cite>, {source.outlet}
      {source.author.startsWith('Unknown') ? '' : `, ${source.author}`}
      {source.date === 'unknown' ? '' : ` (${source.date})`}{' '}
      <span class={`kind kind--${source.kind.replace(' ', '-')}`}>{source.kind}</span>
      {withReliability && <span class="reliability">{source.reliability}</span>}
    </span>
  )
}
