/**
 * A short probe of the machine's noise, taken before an A/B measurement and recorded with it:
 * - load average (os.loadavg) against the core count;
 * - CPU steal and busy share over the probe, from the aggregate `cpu` line of /proc/stat
 *   (fields user nice system idle iowait irq softirq steal, in USER_HZ ticks; proc(5));
 * - a calibration loop: the same fixed integer work timed `rounds` times, whose CV is the noise
 *   a single-threaded CPU-bound job sees right now.
 * Written here because no installed package reads /proc/stat deltas; Linux-only fields are null elsewhere.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface NoiseProbe {
  /** 1, 5 and 15-minute load averages, and the logical core count they compare with. */
  loadAverage: [number, number, number];
  cores: number;
  /** Share of CPU time stolen by the hypervisor during the probe (0.02 = 2%); null off Linux. */
  stealShare: number | null;
  /** Share of all cores' time busy (not idle/iowait) during the probe; null off Linux. */
  busyShare: number | null;
  /** Calibration loop: rounds, median milliseconds per round, and the CV of the rounds. */
  calibration: { rounds: number; medianMs: number; cv: number };
  durationMs: number;
}

interface CpuTicks {
  total: number;
  idle: number;
  steal: number;
}

function readCpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('cpu '));
    if (!line) return null;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // guest and guest_nice (fields 9, 10) are already counted in user and nice.
    const total = f.slice(0, 8).reduce((s, x) => s + (x || 0), 0);
    return { total, idle: (f[3] ?? 0) + (f[4] ?? 0), steal: f[7] ?? 0 };
  } catch {
    return null;
  }
}

/** Fixed integer work (an xorshift walk): no allocation, no I/O, the same on every call. */
function calibrationWork(iterations: number): number {
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x;
}

/** Runs the probe: about `rounds` x 20 ms of calibration work (default 15 rounds, ~0.3 s). */
export function probeNoise(rounds = 15, iterationsPerRound = 4_000_000): NoiseProbe {
  const started = performance.now();
  const before = readCpuTicks();
  calibrationWork(iterationsPerRound); // warm the JIT
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    sink ^= calibrationWork(iterationsPerRound);
    times.push(performance.now() - t0);
  }
  const after = readCpuTicks();
  if (sink === 0.5) process.stderr.write(''); // keeps the work observable to the optimiser
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const sd = Math.sqrt(times.reduce((s, t) => s + (t - mean) ** 2, 0) / Math.max(1, times.length - 1));
  const dt = before && after ? after.total - before.total : 0;
  const [one, five, fifteen] = os.loadavg();
  return {
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
    cores: os.availableParallelism(),
    stealShare: before && after && dt > 0 ? (after.steal - before.steal) / dt : null,
    busyShare: before && after && dt > 0 ? 1 - (after.idle - before.idle) / dt : null,
    calibration: { rounds, medianMs: sorted[Math.floor(sorted.length / 2)]!, cv: mean > 0 ? sd / mean : 0 },
    durationMs: performance.now() - started,
  };
}

/** One line for a terminal: `load 2.1/2 cores, steal 0.0%, busy 95%, calibration 21.3 ms CV 4.2%`. */
export function formatNoiseProbe(p: NoiseProbe): string {
  const share = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  return (
    `load ${p.loadAverage[0].toFixed(2)}/${p.cores} cores, CPU steal ${share(p.stealShare)}, busy ${share(p.busyShare)}, ` +
    `calibration loop ${p.calibration.medianMs.toFixed(1)} ms (CV ${(p.calibration.cv * 100).toFixed(1)}% over ${p.calibration.rounds} rounds)`
  );
}
