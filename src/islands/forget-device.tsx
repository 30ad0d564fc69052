import { forgetDevice } from '../browser/forget-device'

/** No props: the form is always the same. */
export type ForgetDeviceProps = Record<string, never>

/** How long clearing the device may hold up the form before it is sent anyway. */
const maxWaitMs = 2_000

/**
 * The "Delete everything" form of /progress/wipe. Without JavaScript it
 * simply posts; with it, the form first clears the quiz pages kept for
 * offline use and the answers waiting to be sent, so nothing of the learner
 * stays on the device.
 */
export function ForgetDevice(_props: ForgetDeviceProps) {
  const onSubmit = (event: Event) => {
    const form = event.currentTarget
    if (!(form instanceof HTMLFormElement)) return
    event.preventDefault()
    const stores = { caches: 'caches' in window ? caches : undefined, storage: localStorage }
    const waited = new Promise((resolve) => setTimeout(resolve, maxWaitMs))
    // form.submit() sends without firing this handler again.
    void Promise.race([forgetDevice(stores), waited]).finally(() => form.submit())
  }
  return (
    <form method="post" action="/progress/wipe" class="actions" onSubmit={onSubmit}>
      <input type="hidden" name="confirm" value="yes" />
      <button class="button button--danger" type="submit">
        Delete everything
      </button>
      <a class="button" href="/progress">
        Keep my progress
      </a>
    </form>
  )
}
