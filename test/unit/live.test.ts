import { describe, expect, it } from 'vitest'
import { elapsedMs, extendClock, openClock, pauseClock, remainingMs, resumeClock } from '../../src/live/clock'
import { checkNickname, nicknameKey } from '../../src/live/nickname'
import { readPin } from '../../src/live/pin'
import { livePoints } from '../../src/live/points'
import { isHostCommand, playerMessageSchema } from '../../src/live/protocol'
import { rankPlayers } from '../../src/live/standings'

describe('live points', () => {
  it('gives 1000 for an instant right answer, 500 at the last moment, nothing for a wrong one', () => {
    expect(livePoints(1, 0, 20_000)).toBe(1000)
    expect(livePoints(1, 5_000, 20_000)).toBe(875)
    expect(livePoints(1, 20_000, 20_000)).toBe(500)
    expect(livePoints(1, 99_000, 20_000)).toBe(500)
    expect(livePoints(0, 0, 20_000)).toBe(0)
  })

  it('scales partial credit the same way', () => {
    expect(livePoints(0.5, 0, 20_000)).toBe(500)
    expect(livePoints(0.5, 20_000, 20_000)).toBe(250)
  })
})

describe('nicknames', () => {
  it('trims and collapses spaces, and folds case, accents and look-alikes for uniqueness', () => {
    expect(checkNickname('  Ana   B ')).toEqual({ ok: true, nickname: 'Ana B', key: 'anab' })
    expect(nicknameKey('ÁNA')).toBe(nicknameKey('ana'))
    expect(nicknameKey('Аna')).toBe(nicknameKey('Ana'))
    // Digits tell players apart.
    expect(nicknameKey('Player 6')).not.toBe(nicknameKey('Player 7'))
  })

  it('refuses empty, too long, letterless, control characters and blocked words', () => {
    for (const bad of ['', '   ', 'x'.repeat(21), '!!!', '1234', 'a\u0007b', 'Big Sh1t', 'FUCKER'])
      expect(checkNickname(bad).ok, bad).toBe(false)
    expect(checkNickname('x'.repeat(20)).ok).toBe(true)
  })
})

describe('the question clock', () => {
  it('does not count time spent paused, and extends', () => {
    let clock = openClock(1000, 20_000)
    expect(remainingMs(clock, 6000)).toBe(15_000)
    clock = pauseClock(clock, 6000)
    expect(remainingMs(clock, 60_000)).toBe(15_000)
    clock = resumeClock(clock, 60_000)
    expect(elapsedMs(clock, 61_000)).toBe(6000)
    clock = extendClock(clock, 10_000)
    expect(remainingMs(clock, 61_000)).toBe(24_000)
  })
})

describe('standings', () => {
  it('ranks by score, ties share a rank, movers counted from the previous rank', () => {
    const rows = rankPlayers([
      { id: 'a', nickname: 'A', score: 500, joinedAt: 1, previousRank: 1 },
      { id: 'b', nickname: 'B', score: 900, joinedAt: 2, previousRank: 3 },
      { id: 'c', nickname: 'C', score: 500, joinedAt: 3, previousRank: null },
    ])
    expect(rows.map((row) => [row.id, row.rank, row.moved])).toEqual([
      ['b', 1, 2],
      ['a', 2, -1],
      ['c', 2, 0],
    ])
  })
})

describe('the protocol', () => {
  it('reads PINs typed with spaces or dashes', () => {
    expect(readPin('123 456')).toBe('123456')
    expect(readPin('12345')).toBeNull()
  })

  it('knows host commands and refuses unversioned or unknown player messages', () => {
    expect(isHostCommand('next')).toBe(true)
    expect(isHostCommand('remove')).toBe(true)
    expect(isHostCommand('answer')).toBe(false)
    expect(playerMessageSchema.safeParse({ t: 'answer', q: 0, answer: {} }).success).toBe(false)
    expect(playerMessageSchema.safeParse({ v: 2, t: 'ping' }).success).toBe(false)
    expect(
      playerMessageSchema.safeParse({ v: 1, t: 'answer', q: 0, answer: { choice: 'x' }, id: 'm' }).success,
    ).toBe(true)
  })
})
