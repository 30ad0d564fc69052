import { useEffect, useState } from 'preact/hooks'

/**
 * False on the server and in the first render of a hydrated island, true once
 * its script runs: components render their plain-form version first (what
 * works without JavaScript, and what hydration must match), then switch to
 * the richer one.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
