import type { FunctionComponent } from 'preact'
import { LiveHost, type LiveHostProps } from './live-host'
import { LivePlayer, type LivePlayerProps } from './live-player'

/**
 * The live pages' islands, apart from the quiz islands so neither page loads
 * the other's code: src/client/live.ts hydrates these, src/client/main.ts the rest.
 */
export type LiveIslandProps = {
  'live-player': LivePlayerProps
  'live-host': LiveHostProps
}

export const liveIslands: { [N in keyof LiveIslandProps]: FunctionComponent<LiveIslandProps[N]> } = {
  'live-player': LivePlayer,
  'live-host': LiveHost,
}
