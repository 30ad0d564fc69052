/** Per-learner rows of the results dashboard and CSVs. */

/**
 * How a learner is named to their instructor: their display name, or
 * "Anonymous" and their per-set pseudonym (never their id, which is their
 * cookie) so rows stay distinguishable.
 * A name a course site passed into an embed is shown as given, marked as not verified.
 * @example learnerLabel('kX3a9_Qm2bTz', null) // 'Anonymous kX3a9_Qm2bTz'
 * @example learnerLabel('kX3a9_Qm2bTz', 'Ada', true) // 'Ada (named by the course site, not verified)'
 */
export function learnerLabel(pseudonym: string, displayName: string | null, nameFromHost = false): string {
  const name = displayName?.trim()
  if (!name) return `Anonymous ${pseudonym}`
  // A course site's embed snippet said so; Cited cannot check it (LTI is the verified path).
  return nameFromHost ? `${name} (named by the course site, not verified)` : name
}
