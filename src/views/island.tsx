import { type FunctionComponent, h } from 'preact'
import { liveIslands } from '../islands/live-registry'
import { type IslandName, type IslandProps, islands } from '../islands/registry'

const allIslands = { ...islands, ...liveIslands }

/**
 * The one place that writes island markers: the component rendered on the
 * server inside an element carrying its name and JSON props, which the client
 * entry hydrates. Props are plain JSON and must never hold an answer key.
 */
export function Island<N extends IslandName>({ of, props }: { of: N; props: IslandProps[N] }) {
  return (
    <div data-island={of} data-props={JSON.stringify(props)}>
      {h(allIslands[of] as FunctionComponent<IslandProps[N]>, props)}
    </div>
  )
}
