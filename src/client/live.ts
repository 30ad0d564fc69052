import { type FunctionComponent, h, hydrate } from 'preact'
import { liveIslands } from '../islands/live-registry'

/**
 * The live pages' one script (the player's phone and the host screen):
 * hydrates their island, which opens the room's WebSocket. Kept apart from
 * the quiz islands so a phone downloads only this (budget: 20 KB gzip).
 */
for (const element of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const component = liveIslands[element.dataset.island as keyof typeof liveIslands] as
    | FunctionComponent<object>
    | undefined
  if (!component) continue
  const props: object = JSON.parse(element.dataset.props ?? '{}')
  hydrate(h(component, props), element)
}
