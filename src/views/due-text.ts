import type { DueSummary } from '../learning/due'

/** The practice button's words, the same on the home and progress pages (the practice page counts the same `dueNow`). */
export const practiseLabel = (dueNow: number) => (dueNow > 0 ? `Practise ${dueNow} due` : 'Practise')

/** What else is coming today. */
export function dueHint(due: DueSummary): string {
  const later = due.laterToday > 0 ? `${due.laterToday} more due later today.` : ''
  return due.dueNow > 0 ? later : `Nothing due right now.${later ? ` ${later}` : ''}`
}
