declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** An empty D1 database that only test/db/migrations-upgrade.test.ts migrates. */
    UPGRADE_DB: D1Database
    TEST_BANK: string
    /** Bank source id -> text, from the seed folder when it exists (vitest.config.ts). */
    TEST_SOURCE_TEXTS: string
  }
}
