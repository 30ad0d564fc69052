import { describe, expect, it } from 'vitest'
import { Browser, expectPage } from '../support/helpers'

/** After an action, what it produced is focused (so in view), and a refused entry keeps what was typed. */
describe('finding things after an action', () => {
  it('focuses the transfer code "Make a code" made', async () => {
    const html = await expectPage(await new Browser().postForm('/progress/transfer', {}), 200)
    expect(html).toMatch(
      /<p class="transfer-code" role="status" id="transfer-code-made" tabindex="-1" autofocus/,
    )
    // Exactly one element asks for the focus.
    expect(html.match(/autofocus/g)).toHaveLength(1)
  })

  it('keeps a refused code in the field, focuses it and ties the error to it', async () => {
    const html = await expectPage(await new Browser().postForm('/progress/claim', { code: 'ZZZZ-ZZZ' }), 400)
    const input = /<input[^>]*id="transfer-code"[^>]*>/.exec(html)?.[0] ?? ''
    expect(input).toContain('value="ZZZZ-ZZZ"')
    expect(input).toContain('autofocus')
    expect(input).toContain('aria-describedby="claim-error"')
    expect(input).toContain('aria-invalid="true"')
    // The error comes before the field, so the focused field and its error are in view together.
    expect(html.indexOf('id="claim-error"')).toBeLessThan(html.indexOf('id="transfer-code"'))
    expect(html.match(/autofocus/g)).toHaveLength(1)
  })
})
