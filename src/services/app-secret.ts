import { importSecretKey, newSecret } from '../auth/keyed-hash'
import { loadOrCreateSecret } from '../db/app-secrets'
import type { Db } from '../db/client'

/**
 * The server's HMAC key (see auth/keyed-hash.ts). Made on first use and kept
 * in D1, so a fresh clone, the tests and a new deployment need no set-up; read
 * once per isolate and per database (tests give each file its own D1). Keyed
 * on the database, not on `db.$client`: that is a new D1 session every request.
 */
const keys = new WeakMap<object, Promise<CryptoKey>>()

export function appKey(db: Db): Promise<CryptoKey> {
  const database = db.$database
  let key = keys.get(database)
  if (!key) {
    key = loadOrCreateSecret(db, 'hmac', newSecret(), Date.now()).then(importSecretKey)
    // A failed read (D1 unavailable) must not poison the isolate: retry next time.
    key.catch(() => keys.delete(database))
    keys.set(database, key)
  }
  return key
}
