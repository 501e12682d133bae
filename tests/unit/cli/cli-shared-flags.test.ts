/**
 * The shared flags (harness/cli/shared-flags.ts) are accepted by every command that shares them,
 * with one spelling, help text and default; no command keeps a copy of its own. Parsed with
 * commander itself (`parseOptions`), no child process.
 */
import { describe, expect, it } from 'vitest';
import type { Command, Option } from 'commander';
import { buildProgram } from '../../../harness/cli/main.js';
import { SHARED_FLAGS, settingFlags, type SharedFlagCommand } from '../../../harness/cli/shared-flags.js';

const COMMANDS: readonly SharedFlagCommand[] = ['run', 'model', 'ab', 'compare'];
/** Same spelling, another meaning, by design: ab's runs per side and ab's own output folder. */
const OWN_MEANING = new Set(['ab --repeat', 'ab --results-dir']);

const command = (name: string): Command => buildProgram().commands.find((c) => c.name() === name)!;
const long = (flags: string) => flags.split(/[ ,|]+/).find((f) => f.startsWith('--'))!;

describe('cli: one table of shared flags', () => {
  for (const flag of SHARED_FLAGS) {
    for (const name of flag.commands) {
      it(`${name} accepts ${long(flag.flags)}`, () => {
        const cmd = command(name);
        const option = cmd.options.find((o) => o.long === long(flag.flags)) as Option;
        expect(option.description).toBe(flag.description);
        expect(option.defaultValue).toBe(flag.defaultValue);
        const args = option.required
          ? [option.long!, '7', ...(flag.repeatable ? [option.long!, '8'] : [])]
          : [option.long!];
        const { unknown } = cmd.parseOptions(args);
        expect(unknown).toEqual([]);
        const value = cmd.opts()[option.attributeName()];
        expect(value).toEqual(option.required ? (flag.repeatable ? ['7', '8'] : '7') : true);
      });
    }
  }

  it('no command of the four keeps its own copy of a table flag', () => {
    for (const name of COMMANDS) {
      for (const option of command(name).options) {
        const row = SHARED_FLAGS.find((f) => long(f.flags) === option.long);
        if (!row || OWN_MEANING.has(`${name} ${option.long}`)) continue;
        expect(row.commands, `${name} ${option.long}`).toContain(name);
        expect(option.description, `${name} ${option.long}`).toBe(row.description);
      }
    }
  });

  it('maps setting-backed flags to their settings for run and model alike', () => {
    const model = settingFlags('model', { minDuration: '1s', findPeak: true });
    expect(model.flags).toMatchObject({ minDurationMs: '1s', findPeak: true });
    expect(model.flagNames.minDurationMs).toBe('--min-duration');
    expect(Object.keys(settingFlags('run', {}).flagNames)).toEqual(
      expect.arrayContaining(Object.keys(model.flagNames)),
    );
  });
});
