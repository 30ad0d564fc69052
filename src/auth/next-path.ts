/** Any origin works for resolving: only the path and query of the result are kept. */
const BASE = 'https://cited.invalid'

/** Raw backslashes, whitespace and control characters: browsers strip or rewrite them. */
const UNSAFE_RAW = /[\\\s\p{Cc}]/u

/**
 * Percent-encoded slashes, backslashes and control characters in the path:
 * harmless as they stand, but a proxy or framework that decodes the path once
 * more would turn `/%2F%2Fevil.example` into `//evil.example`.
 */
const UNSAFE_ENCODED = /%(2f|5c|[01][0-9a-f]|7f)/i

/**
 * Where to send someone back to on this site: `value` resolved as a path of
 * this origin (dot segments and all), then rebuilt from its path, query and
 * fragment, if that stays under `within`; else `fallback`. The one check for
 * every redirect to a user-supplied path (sign-in `next`, studio `back`
 * fields), so the site cannot be used as an open redirect.
 *
 * Refused: absolute URLs (`https://evil`, `javascript:`), protocol-relative
 * ones (`//x`, also when dot segments produce them: `/..//x`), any empty
 * segment, backslashes (`/\x`), whitespace and control characters (`/\t/x`),
 * and encoded slashes, backslashes or control characters in the path as typed
 * or resolved (`/%2F%2Fx`, `/%09/x`).
 * @example safeNextPath('/studio/sets?x=1') === '/studio/sets?x=1'
 * @example safeNextPath('/..//evil.example') === '/studio'
 * @example safeNextPath('/studio/sets/a/bank', '/studio', '/studio/sets/a') === '/studio/sets/a/bank'
 */
export function safeNextPath(value: unknown, fallback = '/studio', within = '/'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback
  if (!value.startsWith('/') || UNSAFE_RAW.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  const path = url.pathname
  // An empty segment is never a real page, and at the start it names another host.
  if (url.origin !== BASE || !path.startsWith('/') || path.includes('//')) return fallback
  const typedPath = value.split(/[?#]/, 1)[0] ?? ''
  if (UNSAFE_ENCODED.test(typedPath) || UNSAFE_ENCODED.test(path)) return fallback
  if (!isWithin(path, within)) return fallback
  return `${path}${url.search}${url.hash}`
}

const isWithin = (path: string, folder: string) =>
  folder === '/' || path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`)
