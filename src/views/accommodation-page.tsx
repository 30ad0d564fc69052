import { Layout } from './layout'

type Props = {
  /** The code as typed (or from the link), so a refused form keeps it. */
  code: string
  error?: string
  /** After a claim: the quiz it is for. */
  claimedSlug?: string
}

/**
 * Where a learner enters the accommodation code an instructor gave them, on
 * the device (browser) they take the quiz with: the code binds to this
 * browser's learner, like their attempts.
 */
export function AccommodationPage({ code, error, claimedSlug }: Props) {
  return (
    <Layout title={error ? 'Error: Accommodation code' : 'Accommodation code'}>
      <h1>Accommodation code</h1>
      {claimedSlug ? (
        <>
          <p class="notice" role="status">
            Done: your accommodation is saved in this browser. It applies to the attempts you start from now
            on.
          </p>
          <p>
            <a class="button button--primary" href={`/quiz/${claimedSlug}`}>
              Go to the quiz
            </a>
          </p>
        </>
      ) : (
        <>
          <p>
            Your teacher may give you a code for extra time, extra attempts or a later closing date. Enter it
            here, in the browser you will take the quiz with, before you start.
          </p>
          <form method="post" action="/accommodation" class="studio-form" noValidate>
            <div class="field">
              <label for="accommodation-code">Code</label>
              <p class="hint" id="accommodation-code-hint">
                8 letters and digits, like 7QK2-MZ4D.
              </p>
              <input
                id="accommodation-code"
                name="code"
                value={code}
                autocomplete="off"
                autocapitalize="characters"
                spellcheck={false}
                maxLength={40}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={`accommodation-code-hint${error ? ' accommodation-code-error' : ''}`}
                autofocus={!!error}
              />
              {error && (
                <p class="field-error" id="accommodation-code-error" role="alert">
                  {error}
                </p>
              )}
            </div>
            <button class="button button--primary" type="submit">
              Use this code
            </button>
          </form>
        </>
      )}
    </Layout>
  )
}
