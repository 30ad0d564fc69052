/** Per-learner rows of the results dashboard and CSVs. */

/**
 * How a learner is named to their instructor: their display name, or
 * "Anonymous" and the first 8 characters of their id so rows stay distinguishable.
 * @example learnerLabel('4f1c2d9e-…', null) // 'Anonymous 4f1c2d9e'
 */
export function learnerLabel(learnerId: string, displayName: string | null): string {
  const name = displayName?.trim()
  return name ? name : `Anonymous ${learnerId.slice(0, 8)}`
}
