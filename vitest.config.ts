import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { loadBank, loadSeedTexts } from './scripts/load-bank'

/**
 * Three projects:
 * - `unit`: the pure tests in Node, without a database, so they run in seconds;
 *   tests that need the real bank read it with `inject('bank')`;
 * - `workers`: db and route tests inside workerd with a real local D1,
 *   migrations applied and the bank seeded by test/setup/apply-migrations.ts
 *   (about three seconds per file);
 * - `e2e`: Node tests driving Debian's Chromium against `wrangler dev`.
 */
export default defineConfig(async () => {
  const { bank, errors } = loadBank()
  if (errors.length)
    throw new Error(`The question bank is invalid; run npm run questions:check (${errors.length} errors)`)
  return {
    test: {
      projects: [
        {
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.{ts,tsx}'],
            environment: 'node',
            provide: { bank },
            // Pure functions with no mocks or globals to leak: one module graph for all files halves the time.
            isolate: false,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                // An empty database of its own for test/db/migrations-upgrade.test.ts.
                d1Databases: ['UPGRADE_DB'],
                bindings: {
                  TEST_MIGRATIONS: await readD1Migrations(`${import.meta.dirname}/migrations`),
                  TEST_BANK: JSON.stringify(bank),
                  // The bank sources' texts when ../shared/seeds (or $CITED_SEEDS) exists, else {}.
                  TEST_SOURCE_TEXTS: JSON.stringify(loadSeedTexts(bank)),
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/db/**/*.test.ts', 'test/routes/**/*.test.ts'],
            setupFiles: ['./test/setup/apply-migrations.ts'],
          },
        },
        {
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['./test/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  }
})
