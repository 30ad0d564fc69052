import type { LaunchMessage } from './claims'

const slugPattern = /^[a-z0-9][a-z0-9-]{0,79}$/

/**
 * Which quiz set a resource link opens: the custom parameter `quiz=<slug>`
 * (what Cited's Deep Linking response sets), or else a target link on this
 * origin of the form `/embed/<slug>` or `/quiz/<slug>`. Null when neither names one.
 *
 * @example quizSlugOf({ custom: {}, targetLinkUri: 'https://cited.example/embed/x' }, 'https://cited.example') // 'x'
 */
export function quizSlugOf(
  launch: Pick<LaunchMessage, 'custom' | 'targetLinkUri'>,
  origin: string,
): string | null {
  const custom = launch.custom.quiz?.trim()
  if (custom) return slugPattern.test(custom) ? custom : null
  let target: URL
  try {
    target = new URL(launch.targetLinkUri)
  } catch {
    return null
  }
  if (target.origin !== origin) return null
  const slug = /^\/(?:embed|quiz)\/([^/]+)\/?$/.exec(target.pathname)?.[1]
  return slug && slugPattern.test(slug) ? slug : null
}

/**
 * Whether a login's target_link_uri points at this tool. The LMS sends it
 * before anything is signed; Cited never redirects to it, but refusing other
 * origins keeps a misconfigured registration from looking like it works.
 */
export function isOwnTarget(targetLinkUri: string, origin: string): boolean {
  try {
    return new URL(targetLinkUri).origin === origin
  } catch {
    return false
  }
}
