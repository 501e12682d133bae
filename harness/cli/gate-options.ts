/**
 * The CI gate's options on `mlbench run` (--baseline, --confirm and the compare thresholds).
 * Kept apart from gate-action.ts so that registering them imports nothing heavy.
 */
import type { Command } from 'commander';
import type { CompareFlags } from '../../results/compare/types.js';
import { collect } from './options.js';

/** Flags of the gate on `mlbench run`. */
export interface GateFlags extends CompareFlags {
  baseline?: string;
  confirm?: string;
}

/** Adds the gate's options to a command (used by `mlbench run`). */
export function addGateOptions(command: Command): Command {
  return command
    .option('--baseline <file>', 'compare this run to a stored baseline: a hint; only jobs re-measured on both sides can fail (see mlbench ab)')
    .option('--confirm <n>', 'runs per side when a job differing only in runtime settings is re-measured, interleaved (0: none)', '8')
    .option('--alpha <p>', 'CI gate: family-wise significance level (Holm)', '0.05')
    .option('--threshold <pct>', 'CI gate: smallest change, in percent, that can be a regression', '2')
    .option('--threshold-for <metric=pct>', 'CI gate: per-metric threshold (repeatable), e.g. memory=15', collect)
    .option('--accuracy-tolerance <abs>', 'CI gate: largest absolute accuracy drop that is not a regression', '0.01')
    .option('--allow-different-machine', 'CI gate: accept a baseline from another machine fingerprint')
    .option('--judge-tails', 'CI gate: let latency p90/p99 be regressions')
    .option('--ignore-setting <key>', 'CI gate: leave a setting out of the like-with-like check (repeatable)', collect);
}

