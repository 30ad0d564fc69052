/**
 * The part of the `ws` package (already installed through lighthouse and
 * miniflare; Node 20 has no global WebSocket) that bench/inspector.ts uses.
 */
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string, options?: { handshakeTimeout?: number })
    on(event: 'open', listener: () => void): this
    on(event: 'message', listener: (data: Buffer | string) => void): this
    on(event: 'close', listener: (code: number) => void): this
    on(event: 'error', listener: (error: Error) => void): this
    send(data: string): void
    close(): void
  }
}
