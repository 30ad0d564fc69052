import { h, hydrate } from 'preact'
import { type IslandName, islands } from '../islands/registry'

/**
 * Hydrates every `[data-island]` element with its component and the JSON
 * props the server wrote beside it. Nothing else on the page runs script.
 */
for (const element of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const component = islands[element.dataset.island as IslandName]
  if (!component) continue
  const props = JSON.parse(element.dataset.props ?? '{}')
  hydrate(h(component, props), element)
}
