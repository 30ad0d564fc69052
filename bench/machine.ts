import { cpus, loadavg } from 'node:os'

/**
 * How busy the machine already is. Every figure here shares two cores with
 * whatever else runs, so the report records it beside the numbers.
 */

export type MachineLoad = { cores: number; loadAverage1m: number; busyPercent: number }

const cpuTimes = () =>
  cpus().reduce(
    (sum, cpu) => {
      const { idle, user, nice, sys, irq } = cpu.times
      return { idle: sum.idle + idle, total: sum.total + idle + user + nice + sys + irq }
    },
    { idle: 0, total: 0 },
  )

/** Samples all cores for `ms` and returns the share that was not idle. */
export async function sampleMachineLoad(ms = 1_000): Promise<MachineLoad> {
  const before = cpuTimes()
  await new Promise((resolve) => setTimeout(resolve, ms))
  const after = cpuTimes()
  const total = after.total - before.total
  const busyPercent = total > 0 ? Math.round((1 - (after.idle - before.idle) / total) * 100) : 0
  return { cores: cpus().length, loadAverage1m: Number(loadavg()[0]!.toFixed(2)), busyPercent }
}

/** A warning to print (and store) when other work was using the CPU, or null. */
export function describeBusyMachine(load: MachineLoad, moment: string): string | null {
  if (load.busyPercent < 20) return null
  return `${moment}, other processes kept the CPU ${load.busyPercent} % busy (1-min load ${load.loadAverage1m} on ${load.cores} cores): throughput and Lighthouse figures are lower than on an idle machine.`
}
