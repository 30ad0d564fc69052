/**
 * Tells the server the learner's time zone, so due counts, "today" and times
 * are the learner's own (the server falls back to UTC and says so). Loaded
 * only by pages that show such times. When the page was rendered in the
 * fallback zone and the cookie just changed, it reloads once to show local times.
 */

const COOKIE = 'cited_tz'
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
const current = document.cookie
  .split('; ')
  .find((pair) => pair.startsWith(`${COOKIE}=`))
  ?.slice(COOKIE.length + 1)
if (zone && current !== encodeURIComponent(zone)) {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from older phones' browsers.
  document.cookie = `${COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`
  const shown = document.querySelector<HTMLElement>('[data-time-zone]')?.dataset.timeZone
  if (shown && shown !== zone && document.cookie.includes(`${COOKIE}=`)) location.reload()
}
