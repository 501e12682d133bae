/**
 * The cross-machine view: when results come from more than one machine, the same job (workload ×
 * runtime × scenario) on each machine side by side, the ratio of each machine to the first (A) with
 * its 95% interval, the machine facts that differ, and a warning when the machines ran with
 * different settings. It answers "how does this machine compare with that one?".
 *
 * Speed is the leaderboard's (leaderboard.ts speedSample): median query latency, or median full
 * training time, of the newest run per machine. The ratio is B / A (above 1: B is slower); its
 * interval is conservative, the two medians' distribution-free 95% CIs divided at opposite ends
 * ([low_B / high_A, high_B / low_A]), none where either side has too few samples.
 */
import { isContender, speedMetricOf, type Machine, MACHINE_FIELDS } from '../results/index.js';
import { groupBy, measured } from './charts/theme.js';
import { speedSample } from './leaderboard.js';
import type { ReportJob } from './model.js';

export interface CrossMachineCell {
  value: number;
  low: number | null;
  high: number | null;
  /** This machine / the first machine (1 for the first), with its 95% interval. */
  ratio: number;
  ratioLow: number | null;
  ratioHigh: number | null;
  /** LoadGen INVALID (measured, not comparable as a result): shown with its mark. */
  invalid: boolean;
}

export interface CrossMachineRow {
  suite: string;
  workload: string;
  runtime: string;
  /** The scenario, or `training`. */
  scenario: string;
  unit: 'ns' | 's';
  /** Keyed by machine id; absent where that machine did not run the job. */
  cells: Record<string, CrossMachineCell>;
}

export interface CrossMachineView {
  /** Machine ids and labels in report order; the first is the reference (A). */
  machines: Array<{ id: string; label: string }>;
  rows: CrossMachineRow[];
  /** Machine facts whose text differs: `[fact, text per machine in order]`. */
  differingFacts: Array<[string, string[]]>;
  /** Set when the newest runs of the machines used different settings (`key: a → b`, ...). */
  settingsWarning: string | null;
}

/** Newest run's machine facts and settings, per machine id (report order). */
export interface MachineRun {
  id: string;
  label: string;
  machine: Machine;
  /** How its jobs were measured: the measurement settings and the profile, not the run's other choices. */
  settings: Record<string, unknown>;
}

/** The view, or null for results from fewer than two machines. `suiteRank` orders the rows. */
export function buildCrossMachine(
  jobs: ReportJob[],
  machines: MachineRun[],
  suiteRank: (suite: string) => number,
): CrossMachineView | null {
  if (machines.length < 2) return null;
  const ref = machines[0]!.id;
  const usable = measured(jobs).filter((j) => j.latest && isContender(j.runtime) && j.kind !== 'generation');
  const rows: CrossMachineRow[] = [];
  for (const group of groupBy(usable, (j) => j.key).values()) {
    const first = group[0]!;
    const metric = speedMetricOf(first);
    const speeds = new Map<string, { value: number; low: number | null; high: number | null; invalid: boolean }>();
    for (const [machineId, own] of groupBy(group, (j) => j.machineId)) {
      const s = speedSample(own);
      if (s && s.value > 0) speeds.set(machineId, { ...s, invalid: own.some((j) => j.verdict === 'INVALID') });
    }
    const a = speeds.get(ref);
    if (!a || speeds.size < 2) continue;
    const cells: Record<string, CrossMachineCell> = {};
    for (const [id, s] of speeds) {
      const ci = id !== ref && s.low !== null && s.high !== null && a.low !== null && a.high !== null;
      cells[id] = {
        ...s,
        ratio: s.value / a.value,
        ratioLow: ci ? s.low! / a.high! : null,
        ratioHigh: ci ? s.high! / a.low! : null,
      };
    }
    rows.push({
      suite: first.suite,
      workload: first.workload,
      runtime: first.runtime,
      scenario: first.kind === 'training' ? 'training' : first.scenario,
      unit: metric.unit as 'ns' | 's',
      cells,
    });
  }
  rows.sort(
    (x, y) =>
      suiteRank(x.suite) - suiteRank(y.suite) ||
      x.suite.localeCompare(y.suite) ||
      x.workload.localeCompare(y.workload) ||
      x.scenario.localeCompare(y.scenario) ||
      x.runtime.localeCompare(y.runtime),
  );
  return {
    machines: machines.map(({ id, label }) => ({ id, label })),
    rows,
    differingFacts: differingFacts(machines),
    settingsWarning: settingsWarning(machines),
  };
}

/** The facts (CPU, cores, GPU/adapter, ...) whose text differs between the machines; load and fingerprint left out. */
function differingFacts(machines: MachineRun[]): Array<[string, string[]]> {
  return MACHINE_FIELDS.filter((f) => f.compared && new Set(machines.map((m) => f.text(m.machine))).size > 1).map(
    (f) => [f.label, machines.map((m) => f.text(m.machine))],
  );
}

function settingsWarning(machines: MachineRun[]): string | null {
  const keys = [...new Set(machines.flatMap((m) => Object.keys(m.settings)))].sort();
  const text = (v: unknown) => (v === undefined ? 'unset' : typeof v === 'string' ? v : JSON.stringify(v));
  const differ = keys
    .filter((k) => new Set(machines.map((m) => text(m.settings[k]))).size > 1)
    .map((k) => `${k}: ${machines.map((m) => text(m.settings[k])).join(' → ')}`);
  if (!differ.length) return null;
  return `The machines ran with different settings (${differ.slice(0, 6).join('; ')}${differ.length > 6 ? `; and ${differ.length - 6} more` : ''}); a ratio mixes the machine with the settings. Rerun with the same flags for a machine-only comparison.`;
}

/** `B 23% slower than A`, `B 1.8× faster than A`, `B same as A` (within 0.5%). */
export function ratioWords(
  ratio: number,
  label: string,
  refLabel: string,
  better = speedMetricOf({ kind: 'inference' }).better,
): string {
  const slower = better === 'lower' ? ratio > 1 : ratio < 1;
  const factor = ratio >= 1 ? ratio : 1 / ratio;
  if (Math.abs(ratio - 1) < 0.005) return `${label} same as ${refLabel}`;
  const amount = factor >= 2 ? `${factor.toFixed(1)}×` : `${((factor - 1) * 100).toFixed(0)}%`;
  return `${label} ${amount} ${slower ? 'slower' : 'faster'} than ${refLabel}`;
}
