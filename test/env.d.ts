declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    TEST_BANK: string
    /** Bank source id -> text, from the seed folder when it exists (vitest.config.ts). */
    TEST_SOURCE_TEXTS: string
  }
}
