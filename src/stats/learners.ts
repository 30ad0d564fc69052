/** Per-learner rows of the results dashboard and CSVs. */

/**
 * How a learner is named to their instructor: their display name, or
 * "Anonymous" and their per-set pseudonym (never their id, which is their
 * cookie) so rows stay distinguishable.
 * @example learnerLabel('kX3a9_Qm2bTz', null) // 'Anonymous kX3a9_Qm2bTz'
 */
export function learnerLabel(pseudonym: string, displayName: string | null): string {
  const name = displayName?.trim()
  return name ? name : `Anonymous ${pseudonym}`
}
