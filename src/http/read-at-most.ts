/**
 * Reads a stream whole, but gives up (cancelling it) as soon as it passes
 * `max` bytes: for request bodies whose Content-Length may be absent or lie,
 * and for answers from other servers whose size we do not control.
 * @example const bytes = await readAtMost(request.body, 64 * 1024) // null when larger
 */
export async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  max: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
