import { describe, expect, it } from 'vitest'
import { quantile } from '../../bench/cpu'
import { type CpuProfile, cpuMsOf } from '../../bench/inspector'

const nodes = [
  { id: 1, callFrame: { functionName: '(idle)' } },
  { id: 2, callFrame: { functionName: 'render' } },
  { id: 3, callFrame: { functionName: '(garbage collector)' } },
]

const profileOf = (samples: [node: number, deltaMicros: number][]): CpuProfile => ({
  nodes,
  startTime: 0,
  endTime: samples.reduce((sum, [, delta]) => sum + delta, 0),
  samples: samples.map(([node]) => node),
  timeDeltas: samples.map(([, delta]) => delta),
})

describe('cpuMsOf (bench CPU per request)', () => {
  it('sums the busy samples, garbage collection included, and leaves idle ones out', () => {
    const profile = profileOf([
      [1, 100],
      [2, 100],
      [2, 100],
      [3, 100],
      [1, 100],
    ])
    expect(cpuMsOf(profile)).toBeCloseTo(0.3)
  })

  it('does not count a wait on D1 as work: the gap before or after a stretch of samples is left out', () => {
    const profile = profileOf([
      [1, 100],
      [2, 20_000], // the first sample after a 20 ms wait
      [2, 100],
      [2, 100],
      [1, 30_000], // the next sample after the isolate went quiet
    ])
    expect(cpuMsOf(profile)).toBeCloseTo(0.3)
  })

  it('is zero for a profile without samples', () => {
    expect(cpuMsOf({ nodes, startTime: 0, endTime: 1000 })).toBe(0)
  })
})

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1)
    expect(quantile(sorted, 0.5)).toBe(50)
    expect(quantile(sorted, 0.95)).toBe(95)
    expect(quantile([7], 0.95)).toBe(7)
  })
})
