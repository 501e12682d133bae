/**
 * User suites: `mlbench run --suite ./my-suite.js` (an ES module exporting a Suite) and
 * `--suite ./mlbench.config.yaml` (a declarative config, suites/config-suite.ts). The module is
 * imported and its workloads() called in the parent, each within `suite.loadTimeoutMs`, and
 * every workload is checked with zod before any job starts. Every failure is a UsageError
 * (exit 2) naming the file and, for a bad value, the field:
 *   - the file is missing, or throws at import (E_BAD_SUITE);
 *   - it exports no Suite, or a workload has a wrong field (E_BAD_SUITE, `workloads()[2].model.kind`);
 *   - import or workloads() does not settle in time (E_TIMEOUT).
 * Relative model and dataset paths are resolved against the suite file's folder, so a suite
 * runs from any working directory. Workloads are plain data: the job processes receive them as
 * JSON and never import the user's module.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { UsageError } from '../harness/errors.js';
import type { InputsRequest } from '../harness/inputs/index.js';
import { PROFILES, SCENARIOS, type Profile, type Suite, type SuiteOptions, type Workload } from '../harness/types.js';

/** Whether a `--suite` value names a file rather than a built-in suite. */
export function isSuiteFile(value: string): boolean {
  return /[\\/]/.test(value) || /\.(m?js|json|ya?ml)$/i.test(value);
}

const Scenario = z.enum(SCENARIOS as [string, ...string[]]);

/**
 * A suite or workload id: letters and digits of any script (Unicode, as `mlbench model` takes a
 * file name), marks, '.', '_' and '-', starting with a letter or digit. One rule for module
 * suites, config suites and the ids derived from file names.
 */
export const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_.-]*$/u;
export const ID_RULE = 'letters or digits (any script), ".", "_" or "-", starting with a letter or digit';

/** An id from free text (a file name): every run of other characters becomes '-'. */
export function idFromName(name: string): string {
  return (
    name
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, '-')
      .replace(/^[^\p{L}\p{N}]+/u, '') || 'model'
  );
}
const ModelRefSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('zoo'),
    arch: z.string().min(1),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    seed: z.number().int().default(0),
  }),
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  z.object({ kind: z.literal('trained'), path: z.string().min(1) }),
  z.object({ kind: z.literal('micro'), op: z.string().min(1), params: z.record(z.string(), z.number()) }),
]);

/** One workload as a user suite may declare it (the Workload contract of harness/types.ts). */
export const WorkloadSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, ID_RULE),
    kind: z.enum(['training', 'inference']),
    description: z.string().default(''),
    model: ModelRefSchema,
    dataset: z.object({ id: z.string().min(1), slice: z.string().min(1), target: z.string().optional() }).optional(),
    scenarios: z.array(Scenario).min(1).default(['single-stream']),
    supports: z.array(Scenario).optional(),
    runtimes: z.array(z.string().min(1)).min(1).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const isFunction = (message: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { message });

/** The Suite contract: `id`, `describe()`, `workloads(profile, options)` (sync or async). */
export const SuiteSchema = z.object({
  id: z.string().regex(ID_PATTERN, ID_RULE),
  describe: isFunction('expected a function describe(): string'),
  workloads: isFunction('expected a function workloads(profile, options): Workload[] (or a Promise of one)'),
});

/** `file: field.path: message` for the first issues of a zod error. */
export function formatIssues(file: string, error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const field = i.path.reduce<string>(
        (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
        prefix,
      );
      return `${file}: ${field || '(top level)'}: ${i.message}`;
    })
    .join('\n');
}

/** Resolves `promise`, or throws E_TIMEOUT naming `what` after `timeoutMs`. */
async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new UsageError(
          'E_TIMEOUT',
          `${what} did not finish within ${timeoutMs} ms (suite.loadTimeoutMs); is a promise never resolved?`,
        ),
      );
      // The plugin's pending timers or sockets must not hold the CLI open once the error is out.
      setTimeout(() => process.exit(process.exitCode ?? 2), 2000).unref();
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Options of {@link loadUserSuite}. */
export interface UserSuiteOptions {
  profile: Profile;
  suiteOptions?: SuiteOptions;
  timeoutMs: number;
  /** Every registered runtime id (file models default to those that take their format). */
  allRuntimes: string[];
}

/**
 * Checks workloads a user suite returned and makes their paths absolute (relative to `dir`).
 * `where` names the file and call in messages (`my-suite.js: workloads("quick")`).
 */
export function checkWorkloads(value: unknown, file: string, where: string, dir: string): Workload[] {
  const parsed = z.array(WorkloadSchema).min(1, 'expected at least one workload').safeParse(value);
  if (!parsed.success) throw new UsageError('E_BAD_SUITE', formatIssues(file, parsed.error, where));
  const seen = new Set<string>();
  return parsed.data.map((w, i) => {
    if (seen.has(w.id))
      throw new UsageError(
        'E_BAD_SUITE',
        `${file}: ${where}[${i}].id: "${w.id}" is used twice; workload ids must be unique.`,
      );
    seen.add(w.id);
    const model =
      w.model.kind === 'file' || w.model.kind === 'trained'
        ? { ...w.model, path: path.resolve(dir, w.model.path) }
        : w.model;
    const dataset =
      w.dataset && /^(csv|parquet):/.test(w.dataset.id) && !path.isAbsolute(w.dataset.id.replace(/^\w+:/, ''))
        ? {
            ...w.dataset,
            id: w.dataset.id.replace(
              /^(\w+):(.*)$/,
              (_m, kind: string, p: string) => `${kind}:${path.resolve(dir, p)}`,
            ),
          }
        : w.dataset;
    return { ...w, model, ...(dataset ? { dataset } : {}) } as Workload;
  });
}

/**
 * Model files in workloads: read now (a bad file exits 2 naming it), their inputs request
 * resolved against the declared inputs, and their runtimes narrowed to those that take the
 * file's format (ONNX: ort-node, ort-web; model.json: tfjs), so a suite-wide runtime list can
 * name both families.
 */
async function prepareModelFiles(workloads: Workload[], spec: string, allRuntimes: string[]): Promise<Workload[]> {
  const { buildModel } = await import('../harness/models/build-model.js');
  const { resolveInputs } = await import('../harness/inputs/index.js');
  const { takesModelFormat } = await import('../harness/runtimes/index.js');
  const takesOnnxFiles = (r: string) => takesModelFormat(r, 'onnx');
  const takesTfjsFiles = (r: string) => takesModelFormat(r, 'tfjs-json');
  return Promise.all(
    workloads.map(async (w) => {
      if (w.kind !== 'inference' || w.model.kind !== 'file') return w;
      const model = await buildModel(w.model);
      const request = (w.extra?.inputs as InputsRequest | undefined) ?? { shapes: {}, values: {} };
      try {
        resolveInputs(model.inputs, request, w.model.path);
      } catch (err) {
        throw new UsageError('E_BAD_SUITE', `${spec}: workload "${w.id}": ${(err as Error).message}`);
      }
      const takes = model.tfjs ? takesTfjsFiles : takesOnnxFiles;
      const runtimes = (w.runtimes ?? allRuntimes).filter((r) => takes(r));
      if (!runtimes.length) {
        throw new UsageError(
          'E_BAD_SUITE',
          `${spec}: workload "${w.id}": none of its runtimes (${w.runtimes!.join(', ')}) takes ${model.tfjs ? 'a TensorFlow.js model.json (tfjs:*, tfjs-node:*)' : 'an ONNX file (ort-node:*, ort-web:wasm)'}.`,
        );
      }
      return { ...w, runtimes, extra: { ...w.extra, inputs: request } };
    }),
  );
}

/** Imports a user suite file (ES module or config) and returns a Suite with its workloads resolved. */
export async function loadUserSuite(spec: string, options: UserSuiteOptions): Promise<Suite> {
  const file = path.resolve(spec);
  if (!existsSync(file)) throw new UsageError('E_BAD_SUITE', `--suite ${spec}: no such file (${file}).`);
  if (/\.(json|ya?ml)$/i.test(file)) {
    const { readConfigSuite } = await import('./config-suite.js');
    const config = await readConfigSuite(spec, options);
    const workloads = await prepareModelFiles(
      checkWorkloads(config.workloads, spec, 'workloads', path.dirname(file)),
      spec,
      options.allRuntimes,
    );
    return { id: config.id, describe: () => config.description, workloads: () => workloads };
  }
  let mod: Record<string, unknown>;
  try {
    mod = await within(
      import(pathToFileURL(file).href) as Promise<Record<string, unknown>>,
      options.timeoutMs,
      `${spec}: import`,
    );
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      'E_BAD_SUITE',
      `${spec}: the suite module threw at import: ${(err as Error)?.message ?? String(err)}`,
    );
  }
  const exported = mod.default ?? mod.suite;
  if (exported === undefined)
    throw new UsageError(
      'E_BAD_SUITE',
      `${spec}: exports no suite; write \`export default { id, describe, workloads }\` (or \`export const suite = ...\`).`,
    );
  const parsed = SuiteSchema.safeParse(exported);
  if (!parsed.success) throw new UsageError('E_BAD_SUITE', formatIssues(spec, parsed.error, 'export'));
  const suite = exported as Suite;
  if (!(PROFILES as readonly string[]).includes(options.profile))
    throw new UsageError('E_BAD_SUITE', `${spec}: unknown profile ${options.profile}`);
  const where = `workloads("${options.profile}")`;
  let value: unknown;
  try {
    value = await within(
      Promise.resolve().then(() => suite.workloads(options.profile, options.suiteOptions)),
      options.timeoutMs,
      `${spec}: ${where}`,
    );
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError('E_BAD_SUITE', `${spec}: ${where} threw: ${(err as Error)?.message ?? String(err)}`);
  }
  const workloads = await prepareModelFiles(
    checkWorkloads(value, spec, where, path.dirname(file)),
    spec,
    options.allRuntimes,
  );
  let description: string;
  try {
    description = String(suite.describe());
  } catch (err) {
    throw new UsageError('E_BAD_SUITE', `${spec}: describe() threw: ${(err as Error)?.message ?? String(err)}`);
  }
  return { id: suite.id, describe: () => description, workloads: () => workloads };
}
