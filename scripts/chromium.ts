/**
 * Debian's Chromium (`apt-get install chromium`), never a downloaded browser,
 * with the flags this offline machine needs (see ../shared/STACK.md): without
 * the background-networking ones, Chromium keeps trying Google's hosts.
 * Shared by the e2e tests and the benchmark's Lighthouse run.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
