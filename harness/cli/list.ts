/**
 * `mlbench list`: suites with their workloads, runtimes with availability on this machine
 * (probed in a child process), and with --settings every setting with its default, unit and help,
 * generated from the settings schemas (harness/config/settings.ts).
 */
import type { Command } from 'commander';

/** A reason cut to 110 columns on a terminal; whole when piped or redirected (nothing is lost in a log). */
function cutForTerminal(reason: string): string {
  return process.stdout.isTTY && reason.length > 110 ? `${reason.slice(0, 109)}…` : reason;
}

export function register(program: Command): void {
  program
    .command('list')
    .description('list suites, workloads and runtimes (with availability on this machine)')
    .option('-p, --profile <name>', 'profile whose workloads to list', 'quick')
    .option('--settings', 'also list every setting with its default, unit and help (for --set key=value)')
    .option('--json', 'print JSON')
    .option(
      '--results-dir <dir>',
      'where earlier runs wrote results: each suite shows the time it took there on this machine',
      'out/results',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ mlbench list
  $ mlbench list --profile standard --json
  $ mlbench list --settings`,
    )
    .action(async (flags: { profile: string; settings?: boolean; json?: boolean; resultsDir: string }) => {
      const { resolveChoices } = await import('../config/resolve.js');
      const { SETTINGS } = await import('../config/settings.js');
      const { probeRuntimes } = await import('../isolate/runner.js');
      const { runtimeIds } = await import('../runtimes/index.js');
      const { loadSuite, suiteIds, defaultSuites } = await import('../../suites/index.js');
      const { formatTable } = await import('../common/format.js');
      const { profile } = resolveChoices({ profile: flags.profile }, { suites: suiteIds(), runtimes: runtimeIds() });
      const suites = await Promise.all(
        suiteIds().map(async (id) => {
          const suite = await loadSuite(id);
          return {
            id,
            default: defaultSuites(profile).includes(id),
            description: suite.describe(),
            workloads: suite.workloads(profile).map((w) => ({
              id: w.id,
              kind: w.kind,
              description: w.description,
              scenarios: w.scenarios,
              runtimes: w.runtimes ?? 'all',
            })),
            // Expected seconds at this profile on the runtimes available here (the plan's cost estimate).
            expectedSeconds: 0,
            // Seconds its jobs took in this machine's newest run at this profile (suite-times.ts); null before one.
            measured: null as { seconds: number; startedAt: string } | null,
          };
        }),
      );
      const { probeGpus } = await import('../system/gpus.js');
      const { formatGpu } = await import('../../results/machine-facts.js');
      const { collectMachine } = await import('../system/metadata.js');
      const { measuredSuiteSeconds } = await import('./suite-times.js');
      const [probes, gpus, machine] = await Promise.all([probeRuntimes(runtimeIds()), probeGpus([]), collectMachine()]);
      const measured = await measuredSuiteSeconds(flags.resultsDir, machine.id, profile);
      for (const s of suites) {
        const m = measured.get(s.id);
        if (m) s.measured = { seconds: Math.round(m.seconds), startedAt: m.startedAt };
      }
      // Expected time per suite: the plan's cost model (plan/cost.ts) summed over the jobs whose runtime is available here.
      const { planJobs } = await import('../plan/plan.js');
      const { expectedCostMs } = await import('../plan/cost.js');
      const { resolveSettings } = await import('../config/resolve.js');
      const planSettings = resolveSettings({ profile });
      for (const s of suites) {
        const jobs = planJobs({
          suites: [await loadSuite(s.id)],
          profile,
          runtimes: null,
          allRuntimes: runtimeIds(),
          scenarios: null,
          settings: planSettings,
          pinned: new Set(),
        });
        s.expectedSeconds = Math.round(
          jobs.filter((j) => probes[j.runtime]?.available !== false).reduce((sum, j) => sum + expectedCostMs(j), 0) /
            1000,
        );
      }
      const runtimes = runtimeIds().map((id) => ({
        id,
        available: probes[id]!.available,
        version: probes[id]!.version,
        ...(probes[id]!.reason ? { reason: probes[id]!.reason } : {}),
        ...(probes[id]!.details ? { details: probes[id]!.details } : {}),
      }));
      const settings = Object.entries(SETTINGS).map(([key, def]) => ({
        key,
        group: def.group,
        default: def.default,
        unit: def.unit,
        help: def.help,
      }));
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ profile, suites, runtimes, gpus, ...(flags.settings ? { settings } : {}) }, null, 2)}\n`,
        );
        return;
      }
      const out: string[] = [
        `Suites (profile ${profile}; * = run by default; expected: the plan's cost estimate over the runtimes available here; took: its jobs' wall time in this machine's last run at this profile under ${flags.resultsDir}):`,
      ];
      for (const s of suites) {
        const took = s.measured ? `; took ${s.measured.seconds} s here on ${s.measured.startedAt.slice(0, 10)}` : '';
        out.push(`  ${s.id}${s.default ? ' *' : ''}: ${s.description} (expected ~${s.expectedSeconds} s${took})`);
        for (const w of s.workloads) out.push(`    - ${w.id} [${w.kind}; ${w.scenarios.join(', ')}] ${w.description}`);
      }
      out.push(
        '',
        `GPUs: ${gpus.length ? gpus.map(formatGpu).join('; ') : 'none found (no nvidia-smi, no WebGPU adapter)'}`,
      );
      out.push('', 'Runtimes:');
      out.push(
        formatTable(
          ['runtime', 'available', 'version', 'reason'],
          runtimes.map((r) => [
            r.id,
            r.available ? 'yes' : 'no',
            r.version ?? '-',
            cutForTerminal((r.reason ?? '').split('\n')[0]!),
          ]),
        ).replace(/^/gm, '  '),
      );
      if (flags.settings) {
        out.push(
          '',
          'Settings (mlbench run --set key=value; a duration also takes a unit: --set latencyBoundNs=10ms):',
        );
        out.push(
          formatTable(
            ['key', 'default', 'unit', 'meaning'],
            settings.map((s) => [s.key, String(s.default), s.unit, s.help]),
          ).replace(/^/gm, '  '),
        );
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
