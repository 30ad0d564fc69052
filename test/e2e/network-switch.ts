import { createServer, request } from 'node:http'
import { connect, type Socket } from 'node:net'

/**
 * A network a test can cut: an HTTP proxy in front of the e2e server that a
 * browser context is pointed at (`proxy: { server: network.proxy }`;
 * Playwright proxies loopback addresses too). Cut, it drops every connection
 * and every new request, so nothing the page, its service worker or the
 * browser sends reaches the server, which Chromium's offline emulation does
 * not promise (a document opened from the service worker's cache while
 * "offline" can still send requests).
 */
export type NetworkSwitch = {
  /** The proxy's address, for the context's `proxy.server`. */
  readonly proxy: string
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startNetworkSwitch(): Promise<NetworkSwitch> {
  let isCut = false
  const sockets = new Set<Socket>()
  const server = createServer((incoming, outgoing) => {
    if (isCut) return incoming.socket.destroy()
    // A browser sends a proxy the request's absolute URL.
    const forwarded = request(
      new URL(incoming.url ?? '/'),
      { method: incoming.method, headers: incoming.headers },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(outgoing)
      },
    )
    forwarded.on('error', () => outgoing.destroy())
    incoming.pipe(forwarded)
  })
  // Playwright's own API requests (context.request) tunnel through the proxy even to plain HTTP.
  server.on('connect', (incoming, client: Socket, head: Buffer) => {
    if (isCut) return client.destroy()
    const [host, port] = (incoming.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    proxy: `http://127.0.0.1:${address.port}`,
    cut() {
      isCut = true
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      isCut = false
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
