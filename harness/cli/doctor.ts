/**
 * `mlbench doctor`: which optional parts this machine has (Python peers, Chromium, WebGPU adapter,
 * NVIDIA driver, tfjs-node, CUDA EP libraries, RAPL, perf counters), and for each missing one the
 * command that enables it. Exit 0 either way: a missing optional part is an answer, not an error.
 */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the optional parts (Python peers, Chromium, WebGPU, NVIDIA, tfjs-node, CUDA, RAPL, perf) and say how to enable each missing one',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ mlbench doctor
  $ mlbench doctor --json`,
    )
    .action(async (flags: { json?: boolean }) => {
      const { runDoctor, SYSTEM_PARTS_LINE } = await import('../system/doctor.js');
      const { escapeTerminal } = await import('../common/escape.js');
      const checks = runDoctor();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ checks, systemPartsLine: SYSTEM_PARTS_LINE }, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const c of checks) {
        out.push(`${c.ok ? 'ok     ' : 'missing'}  ${c.id.padEnd(13)} ${escapeTerminal(c.part)}`);
        out.push(`         ${' '.repeat(13)} ${escapeTerminal(c.detail)}`);
        if (c.fix) out.push(`         ${' '.repeat(13)} enable: ${escapeTerminal(c.fix)}`);
      }
      const missing = checks.filter((c) => !c.ok).length;
      out.push(
        '',
        missing
          ? `${missing} of ${checks.length} optional parts missing; the system ones install together with:\n  ${SYSTEM_PARTS_LINE}`
          : `all ${checks.length} optional parts present`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
