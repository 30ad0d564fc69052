import type { LearnerTimeZone } from '../learning/time-zone'

const formats = new Map<string, Intl.DateTimeFormat>()

/** `time` as the learner reads it in their zone: "2 Dec 2026, 14:05" (or just "14:05" with `clockOnly`). */
export function formatLocalTime(time: number, zone: string, clockOnly = false): string {
  const key = `${zone}|${clockOnly}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(
      'en-GB',
      clockOnly
        ? { timeStyle: 'short', timeZone: zone }
        : { dateStyle: 'medium', timeStyle: 'short', timeZone: zone },
    )
    formats.set(key, format)
  }
  return format.format(time)
}

/**
 * Says which zone the page's days and times are in. `data-time-zone` tells the
 * time-zone script what the server used, so it reloads once when the browser's
 * zone differs (src/client/time-zone.ts).
 */
export function TimeZoneNote({ timeZone }: { timeZone: LearnerTimeZone }) {
  return (
    <p class="hint time-zone-note" data-time-zone={timeZone.zone}>
      {timeZone.fromBrowser
        ? `Days and times are in your time zone (${timeZone.zone.replaceAll('_', ' ')}).`
        : 'Days and times are in UTC: your browser has not told Cited its time zone (it does when JavaScript is on).'}
    </p>
  )
}
