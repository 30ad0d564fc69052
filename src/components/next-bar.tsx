import type { ComponentChildren } from 'preact'

/**
 * The way on after feedback ("Next question"). On small screens it sticks to
 * the bottom of the screen, so it is reachable without scrolling past the
 * explanation; it stays in the page's flow, so at the end it covers nothing
 * (public/app.css, `.next-bar`).
 */
export function NextBar({ children }: { children: ComponentChildren }) {
  return <div class="next-bar">{children}</div>
}
