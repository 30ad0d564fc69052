import { importSecretKey, newSecret } from '../auth/keyed-hash'
import { loadOrCreateSecret } from '../db/app-secrets'
import type { Db } from '../db/client'
import { bindingOf } from '../db/d1-counter'

/**
 * The server's HMAC key (see auth/keyed-hash.ts). Made on first use and kept
 * in D1, so a fresh clone, the tests and a new deployment need no set-up; read
 * once per isolate and per database (tests give each file its own D1).
 */
const keys = new WeakMap<object, Promise<CryptoKey>>()

export function appKey(db: Db): Promise<CryptoKey> {
  // The binding itself, not the bench's counting wrapper around it (a new one per counted request).
  const binding = bindingOf(db.$client)
  let key = keys.get(binding)
  if (!key) {
    key = loadOrCreateSecret(db, 'hmac', newSecret(), Date.now()).then(importSecretKey)
    // A failed read (D1 unavailable) must not poison the isolate: retry next time.
    key.catch(() => keys.delete(binding))
    keys.set(binding, key)
  }
  return key
}
