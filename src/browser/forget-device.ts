import { WAITING_ANSWERS_KEY } from './answer-queue'

/**
 * The parts of the browser that keep a learner's quizzes on the device: the
 * service worker's caches (answered pages show the correct answer) and the
 * queue of answers waiting to be sent. Structural, so a test can pass fakes.
 */
export type DeviceStores = {
  caches?: { keys(): Promise<string[]>; delete(name: string): Promise<boolean> }
  storage?: { removeItem(key: string): void }
}

/**
 * Removes this app's caches (every `cited-*` one, whatever its version) and
 * the waiting answers. Runs before the "Delete everything" form is sent; the
 * server's `Clear-Site-Data` does the same where the browser supports it,
 * and this covers the rest. Never throws: the wipe goes on regardless.
 * @example await forgetDevice({ caches, storage: localStorage })
 */
export async function forgetDevice({ caches, storage }: DeviceStores): Promise<void> {
  try {
    storage?.removeItem(WAITING_ANSWERS_KEY)
  } catch {
    // Storage disabled: there is no queue to clear.
  }
  try {
    const names = (await caches?.keys()) ?? []
    await Promise.all(names.filter((name) => name.startsWith('cited-')).map((name) => caches?.delete(name)))
  } catch {
    // No Cache API (plain http, private mode): nothing was kept.
  }
}
