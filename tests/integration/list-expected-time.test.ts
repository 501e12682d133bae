/**
 * `mlbench list`: every suite shows its expected time (the plan's cost estimate over the runtimes
 * available here), and when the output is not a terminal the unavailable reasons are whole.
 */
import { describe, expect, it } from 'vitest';
import { mlbench } from '../helpers/cli.js';

describe('mlbench list', () => {
  it('shows the expected time per suite and keeps whole reasons off a terminal', () => {
    const json = mlbench(['list', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const { suites, runtimes } = JSON.parse(json.stdout) as { suites: Array<{ id: string; expectedSeconds: number }>; runtimes: Array<{ id: string; reason?: string }> };
    for (const s of suites) expect(s.expectedSeconds, s.id).toBeGreaterThan(0);
    const text = mlbench(['list']).stdout;
    for (const s of suites) expect(text).toMatch(new RegExp(`\\n  ${s.id}( \\*)?: .*\\(expected ~${s.expectedSeconds} s\\)`));
    // Piped (spawnSync is not a TTY): the first line of every reason is printed whole, however long.
    for (const r of runtimes.filter((x) => x.reason)) expect(text, r.id).toContain(r.reason!.split('\n')[0]!);
  }, 120_000);
});
