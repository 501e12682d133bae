/** `mlbench info`: this machine's metadata and fingerprint, as recorded in every result file. */
import type { Command } from 'commander';
import type { Machine } from '../../results/schema.js';

/**
 * The theoretical FP32 peak the roofline's "% of peak" uses, with its inputs, exactly as
 * recorded in result files (harness/system/metadata.ts fp32PeakEstimate): physical cores x clock
 * x FLOPs per cycle (SIMD lanes x 2 for FMA x FMA units).
 */
export function peakInputs(m: Machine): string {
  const p = m.fp32Peak;
  if (!p)
    return `unknown: ${m.fp32PeakUnknown ?? 'no clock found'} (cores ${m.cpu.physicalCores} physical / ${m.cpu.cores} logical)`;
  return `${p.gflops.toFixed(1)} GFLOP/s = ${p.cores} cores x ${p.clockGHz} GHz (${p.clockSource}) x ${p.flopsPerCycle} FLOPs/cycle (${p.uarch ? `${p.uarch}: ` : ''}${p.isa}, ${p.lanes} fp32 lanes, ${p.fmaUnits} FMA unit${p.fmaUnits === 1 ? '' : 's'})${p.clockRangeGHz ? `; clock [base, boost] read as [${p.clockRangeGHz.map((g) => g ?? 'not read').join(', ')}] GHz, not measured under load` : ''}`;
}

export function register(program: Command): void {
  program
    .command('info')
    .description("print this machine's metadata and fingerprint id")
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ mlbench info
  $ mlbench info --json | jq .id

"peak inputs" is the theoretical FP32 peak (cores x clock x FLOPs per cycle) that "% of peak"
is measured against, with each input and where the clock came from.`,
    )
    .action(async (flags: { json?: boolean }) => {
      const { collectMachine } = await import('../system/metadata.js');
      const m = await collectMachine();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
        return;
      }
      const { formatGpu } = await import('../../results/machine-facts.js');
      const gpus = m.gpus.length ? m.gpus.map(formatGpu).join('; ') : 'none found';
      const lines = [
        ['machine id', m.id],
        ['cpu', `${m.cpu.brand} (${m.cpu.cores} logical, ${m.cpu.physicalCores} physical cores)`],
        ['cpu flags', m.cpu.flags.join(' ') || '-'],
        ['peak inputs', peakInputs(m)],
        ['memory', `${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB`],
        ['os', `${m.os.distro} ${m.os.release} ${m.os.arch} (kernel ${m.os.kernel})`],
        ['virtualization', m.virtualization ?? 'none detected'],
        ['gpus', gpus],
        ['node / v8', `${m.node} / ${m.v8}`],
        ['load average', m.loadAverage.map((l) => l.toFixed(2)).join(' ')],
        ...Object.entries(m.packages).map(([k, v]) => [k, v ?? 'not installed']),
      ];
      const width = Math.max(...lines.map(([k]) => k!.length));
      process.stdout.write(`${lines.map(([k, v]) => `${k!.padEnd(width)}  ${v}`).join('\n')}\n`);
    });
}
