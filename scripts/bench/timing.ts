/**
 * Latency measurements for the benchmark. Figures that are compared are measured side by side:
 * their runs alternate (A B, B A, ...), so a load spike on a shared machine hits both alike, and the
 * median keeps a stray slow run from moving the figure.
 */

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const timed = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await run()
  return performance.now() - started
}

export type SideBySide<K extends string> = Record<K, { medianMs: number; samples: number }>

/**
 * Runs every contestant `iterations` times (after `warmup` unmeasured rounds), interleaved, each
 * round in a different order. `run(name, i)` gets the round number, to rotate through inputs.
 */
export const sideBySide = async <K extends string>(
  contestants: Record<K, (i: number) => Promise<unknown>>,
  { iterations, warmup = 5 }: { iterations: number; warmup?: number },
): Promise<SideBySide<K>> => {
  const names = Object.keys(contestants) as K[]
  for (let i = 0; i < warmup; i++) for (const name of names) await contestants[name](i)
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let i = 0; i < iterations; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse()
    for (const name of order) samples[name].push(await timed(() => contestants[name](i)))
  }
  return Object.fromEntries(
    names.map((name) => [name, { medianMs: median(samples[name]), samples: samples[name].length }]),
  ) as SideBySide<K>
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits))
