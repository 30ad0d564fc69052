import type { Bank } from '../../src/bank/bank'

/** What vitest.config.ts hands to tests through `inject()`: the real bank in questions/, validated once. */
declare module 'vitest' {
  export interface ProvidedContext {
    bank: Bank
  }
}
