/**
 * A declarative suite: `mlbench.config.json` or `mlbench.config.yaml` (any name ending in .json,
 * .yaml or .yml) naming models, datasets, runtimes, scenarios and settings:
 *
 *   id: my-models                      # optional; default: the file name
 *   description: what this suite measures
 *   runtimes: [ort-node:cpu, ort-web:wasm]   # optional; default: every runtime that takes each model
 *   scenarios: [single-stream]         # optional; inference scenarios of every model
 *   settings: { minQueryCount: 100, minDurationMs: 1000 }   # any `mlbench list --settings` key
 *   models:
 *     - path: models/classifier.onnx   # ONNX or a tfjs model.json; relative to this file
 *       id: classifier                 # optional; default: the file name
 *       shape: { input: [1, 3, 224, 224] }        # as --shape
 *       input: { sr: 16000, mask: "@mask.npy" }   # as --input (@file relative to this file)
 *       inputRange: { input_ids: [0, 30521] }     # as --input-range
 *   datasets:
 *     - id: csv:data/airline.csv       # the tabular training workloads on this data
 *       target: dep_delayed_15min
 *
 * The file is parsed (yaml or JSON; a syntax error names the line), checked with zod (unknown
 * or wrong fields are refused naming the file and field, e.g. `models[0].shape.input`), and
 * settings are validated against the settings table. It becomes plain workloads.
 */
import { isExternalRuntimeId } from '../harness/common/format.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../harness/errors.js';
import { parseSetting } from '../harness/config/settings.js';
import { parseInputFlag } from '../harness/inputs/index.js';
import type { InputsRequest } from '../harness/inputs/index.js';
import { SCENARIOS, type Workload } from '../harness/types.js';
import { formatIssues, ID_PATTERN, ID_RULE, idFromName, type UserSuiteOptions } from './user-suite.js';

const Scenario = z.enum(SCENARIOS as [string, ...string[]]);
const Dims = z.array(z.number().int().positive()).min(1);
const Value = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.unknown()),
  z.object({ dims: z.array(z.number()), data: z.array(z.unknown()) }),
]);

const ModelSchema = z
  .object({
    path: z.string().min(1),
    id: z.string().regex(ID_PATTERN, ID_RULE).optional(),
    description: z.string().optional(),
    shape: z.record(z.string(), Dims).optional(),
    input: z.record(z.string(), Value).optional(),
    inputRange: z
      .record(
        z.string(),
        z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, 'expected [low, high] with low <= high'),
      )
      .optional(),
    runtimes: z.array(z.string().min(1)).min(1).optional(),
    scenarios: z.array(Scenario).min(1).optional(),
  })
  .strict();

const DatasetSchema = z
  .object({
    id: z.string().regex(/^(csv|parquet):.+/, 'expected csv:<file> or parquet:<file>'),
    target: z.string().min(1),
  })
  .strict();

/** The config file's shape. */
export const ConfigSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, ID_RULE).optional(),
    description: z.string().optional(),
    runtimes: z.array(z.string().min(1)).min(1).optional(),
    scenarios: z.array(Scenario).min(1).optional(),
    settings: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
    models: z.array(ModelSchema).optional(),
    datasets: z.array(DatasetSchema).optional(),
  })
  .strict()
  .refine(
    (c) => (c.models?.length ?? 0) + (c.datasets?.length ?? 0) > 0,
    'name at least one entry under models or datasets',
  );

type Config = z.infer<typeof ConfigSchema>;

async function parseFile(spec: string): Promise<unknown> {
  const text = await readFile(spec, 'utf8');
  if (/\.json$/i.test(spec)) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new UsageError('E_BAD_SUITE', `${spec}: not valid JSON (${(err as Error).message}).`);
    }
  }
  try {
    return parseYaml(text);
  } catch (err) {
    const line = err instanceof YAMLParseError ? err.linePos?.[0]?.line : undefined;
    throw new UsageError(
      'E_BAD_SUITE',
      `${spec}${line ? `:${line}` : ''}: not valid YAML (${(err as Error).message.split('\n')[0]}).`,
    );
  }
}

/** A model entry's inputs as the request `mlbench model` builds from its flags. */
function inputsOf(
  m: Config['models'] extends Array<infer M> | undefined ? M : never,
  dir: string,
  where: string,
): InputsRequest {
  const request: InputsRequest = { shapes: { ...m.shape }, values: {} };
  for (const [name, value] of Object.entries(m.input ?? {})) {
    const text =
      typeof value === 'string' && value.startsWith('@')
        ? `@${path.resolve(dir, value.slice(1))}`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
    try {
      request.values[name] = parseInputFlag(`${name}=${text}`)[1];
    } catch (err) {
      throw new UsageError('E_BAD_SUITE', `${where}.input.${name}: ${(err as Error).message}`);
    }
  }
  if (m.inputRange) request.ranges = { ...m.inputRange };
  return request;
}

/** Reads and checks a config file; its workloads still go through user-suite.ts checkWorkloads. */
export async function readConfigSuite(
  spec: string,
  options: UserSuiteOptions,
): Promise<{ id: string; description: string; workloads: Workload[] }> {
  const parsed = ConfigSchema.safeParse(await parseFile(spec));
  if (!parsed.success) throw new UsageError('E_BAD_SUITE', formatIssues(spec, parsed.error));
  const config = parsed.data;
  const dir = path.dirname(path.resolve(spec));
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.settings ?? {}))
    settings[key] = parseSetting(key, value, `${spec}: settings.${key}`);
  for (const r of config.runtimes ?? []) {
    if (!options.allRuntimes.includes(r) && !isExternalRuntimeId(r)) {
      throw new UsageError(
        'E_BAD_SUITE',
        `${spec}: runtimes: unknown runtime "${r}". Valid values: ${options.allRuntimes.join(', ')}.`,
      );
    }
  }
  const withSettings = Object.keys(settings).length ? { settings } : {};
  const models = (config.models ?? []).map((m, i): Workload => {
    const base = path.basename(m.path, path.extname(m.path));
    const id = m.id ?? idFromName(base === 'model' ? path.basename(path.dirname(m.path)) : base);
    return {
      id,
      kind: 'inference',
      description: m.description ?? `model file ${m.path}`,
      model: { kind: 'file', path: m.path },
      scenarios: (m.scenarios ?? config.scenarios ?? ['single-stream']) as Workload['scenarios'],
      ...((m.runtimes ?? config.runtimes) ? { runtimes: m.runtimes ?? config.runtimes } : {}),
      ...withSettings,
      extra: { inputs: inputsOf(m, dir, `${spec}: models[${i}]`) },
    };
  });
  const { tabularSuite } = await import('./tabular/index.js');
  const datasets = (config.datasets ?? []).flatMap((d) => {
    const id = d.id.replace(/^(\w+):(.*)$/, (_m, kind: string, p: string) => `${kind}:${path.resolve(dir, p)}`);
    return tabularSuite
      .workloads(options.profile, { dataset: { id, target: d.target } })
      .map((w): Workload => ({
        ...w,
        ...(config.runtimes ? { runtimes: (w.runtimes ?? []).filter((r) => config.runtimes!.includes(r)) } : {}),
        settings: { ...w.settings, ...settings },
      }))
      .filter((w) => w.runtimes === undefined || w.runtimes.length > 0);
  });
  const id = config.id ?? idFromName(path.basename(spec).replace(/\.(json|ya?ml)$/i, ''));
  return { id, description: config.description ?? `suite from ${spec}`, workloads: [...models, ...datasets] };
}
