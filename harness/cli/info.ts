/** `mlbench info`: this machine's metadata and fingerprint, as recorded in every result file. */
import type { Command } from 'commander';
import type { Machine } from '../../results/schema.js';

/**
 * The inputs of a theoretical FP32 peak (cores x clock x FLOPs per cycle) as this machine reports
 * them: systeminformation's core counts and clock, and the widest SIMD in /proc/cpuinfo's flags
 * (avx512f 512-bit = 16 lanes, avx/avx2 256-bit = 8, sse4_2/neon 128-bit = 4; fma: 2 FLOPs per lane).
 */
export function peakInputs(m: Machine): string {
  const f = new Set(m.cpu.flags);
  const bits = f.has('avx512f') ? 512 : f.has('avx2') || f.has('avx') ? 256 : f.has('sse4_2') || f.has('neon') ? 128 : null;
  const vector = bits ? `${bits}-bit (${bits / 32} fp32 lanes${f.has('fma') ? ', fma' : ''})` : 'unknown (no SIMD flag found)';
  const clock = m.cpu.speedGHz ? `${m.cpu.speedGHz} GHz` : 'unknown';
  return `cores ${m.cpu.physicalCores} physical / ${m.cpu.cores} logical, clock ${clock}, vector width ${vector}`;
}

export function register(program: Command): void {
  program
    .command('info')
    .description('print this machine\'s metadata and fingerprint id')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Examples:
  $ mlbench info
  $ mlbench info --json | jq .id

"peak inputs" are the cores, clock and vector width a theoretical FP32 peak
(cores x clock x FLOPs per cycle) is computed from.`)
    .action(async (flags: { json?: boolean }) => {
      const { collectMachine } = await import('../system/metadata.js');
      const m = await collectMachine();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
        return;
      }
      const gpus = m.gpus.length ? m.gpus.map((g) => `${g.vendor} ${g.model}`.trim()).join('; ') : 'none found';
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
