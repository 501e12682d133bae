/**
 * A run's choices (suites, runtimes, results folder, shard, profile...) live in the result's
 * `plan.choices`, not in `settings` (issue 21, parse once). Older files that kept them in
 * `settings` read the same way, and neither kind makes two machines' runs look differently set.
 */
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../reports/model.js';
import { measurementSettings, runChoices, splitRunChoices } from '../../../results/run-choices.js';
import { fixtures, RUN_A2, RUN_B1 } from '../reports/helpers.js';

describe('run choices', () => {
  it('splits a resolved record, and reads a pre-plan file the same way as a new one', () => {
    const resolved = {
      minDurationMs: 500,
      profile: 'quick',
      runtimes: ['null'],
      resultsDir: 'out/x',
      shard: { index: 1, count: 2 },
    };
    const { settings, choices } = splitRunChoices(resolved);
    expect(settings).toEqual({ minDurationMs: 500 });
    expect(choices).toEqual({
      profile: 'quick',
      runtimes: ['null'],
      resultsDir: 'out/x',
      shard: { index: 1, count: 2 },
    });
    const legacy = { settings: resolved };
    const current = { settings, plan: { command: 'run', args: ['run'], jobs: [], choices } };
    expect(runChoices(legacy)).toEqual(runChoices(current));
    expect(measurementSettings(legacy)).toEqual(measurementSettings(current));
  });

  it('different runtimes, suites or results folders on two machines raise no settings warning; a measurement setting does', async () => {
    const runs = await fixtures(RUN_A2, RUN_B1);
    const base = measurementSettings(runs[0]!.result);
    runs[0]!.result.settings = { ...base };
    runs[1]!.result.settings = { ...base };
    runs[0]!.result.plan = {
      command: 'run',
      args: ['run'],
      jobs: [],
      choices: { runtimes: ['ort-node:cpu'], suites: ['zoo'], resultsDir: 'a' },
    };
    runs[1]!.result.plan = {
      command: 'run',
      args: ['run'],
      jobs: [],
      choices: { runtimes: ['tfjs:wasm'], suites: ['micro'], resultsDir: 'b' },
    };
    expect(buildReportModel(runs).crossMachine!.settingsWarning).toBeNull();
    // An older file with the choices inside settings reads alike.
    runs[1]!.result.settings = { ...base, runtimes: ['null'], resultsDir: 'c' };
    expect(buildReportModel(runs).crossMachine!.settingsWarning).toBeNull();
    runs[1]!.result.plan!.choices = { profile: 'standard' };
    expect(buildReportModel(runs).crossMachine!.settingsWarning).toMatch(
      /profile: (standard → unset|unset → standard)/,
    );
    runs[1]!.result.plan!.choices = {};
    runs[1]!.result.settings = { ...base, minDurationMs: 123 };
    expect(buildReportModel(runs).crossMachine!.settingsWarning).toMatch(/minDurationMs/);
  });
});
