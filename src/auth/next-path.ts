/**
 * Where to go after signing in: `value` if it is a path on this site, else
 * `fallback`. Refuses absolute and protocol-relative URLs (`//evil.example`),
 * backslash tricks (`/\evil.example`) and control characters, so the sign-in
 * page cannot be used as an open redirect.
 * @example safeNextPath('/studio/sets?x=1') === '/studio/sets?x=1'
 * @example safeNextPath('https://evil.example') === '/studio'
 */
export function safeNextPath(value: unknown, fallback = '/studio'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value) || hasControl(value))
    return fallback
  const base = 'http://local.invalid'
  let url: URL
  try {
    url = new URL(value, base)
  } catch {
    return fallback
  }
  if (url.origin !== base) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

const hasControl = (text: string) =>
  Array.from(text).some((char) => {
    const code = char.codePointAt(0) ?? 0
    return code < 0x20 || (code >= 0x7f && code < 0xa0)
  })
