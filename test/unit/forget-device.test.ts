import { describe, expect, it } from 'vitest'
import { WAITING_ANSWERS_KEY } from '../../src/browser/answer-queue'
import { forgetDevice } from '../../src/browser/forget-device'

/** A Cache API and a localStorage in memory, as much of them as forgetDevice touches. */
function fakeDevice(cacheNames: string[]) {
  const names = new Set(cacheNames)
  const stored = new Map([
    [WAITING_ANSWERS_KEY, '[{"id":"a"}]'],
    ['other-site-thing', 'kept'],
  ])
  return {
    names,
    stored,
    stores: {
      caches: {
        keys: async () => [...names],
        delete: async (name: string) => names.delete(name),
      },
      storage: { removeItem: (key: string) => void stored.delete(key) },
    },
  }
}

describe('forgetDevice', () => {
  it("deletes every one of Cited's caches and the waiting answers, and nothing else", async () => {
    const device = fakeDevice(['cited-offline-v1', 'cited-offline-v0', 'someone-else'])
    await forgetDevice(device.stores)
    expect([...device.names]).toEqual(['someone-else'])
    expect(device.stored.has(WAITING_ANSWERS_KEY)).toBe(false)
    expect(device.stored.get('other-site-thing')).toBe('kept')
  })

  it('never throws, so the wipe is sent even when the browser refuses', async () => {
    const failing = {
      caches: {
        keys: async (): Promise<string[]> => {
          throw new Error('SecurityError')
        },
        delete: async () => false,
      },
      storage: {
        removeItem: () => {
          throw new Error('storage disabled')
        },
      },
    }
    await expect(forgetDevice(failing)).resolves.toBeUndefined()
    await expect(forgetDevice({})).resolves.toBeUndefined()
  })
})
