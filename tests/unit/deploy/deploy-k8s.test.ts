/** deploy/k8s: every manifest passes the Kubernetes schema; the Indexed Job maps its index to --shard auto. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildProgram } from '../../../harness/cli/main.js';
import { ROOT } from '../../helpers/cli.js';

const DIR = path.join(ROOT, 'deploy', 'k8s');
const MODELS: Record<string, new (data: never) => { validate(): void }> = { Job, PersistentVolumeClaim };

function manifests(): Array<Record<string, any>> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(DIR, f), 'utf8')).map((d) => d.toJS()));
}
const byName = (name: string) => manifests().find((m) => m.metadata?.name === name)!;
const env = (container: any, name: string) => container.env.find((e: { name: string }) => e.name === name)?.value;

describe('deploy/k8s', () => {
  it('validates every manifest against the Kubernetes schema (kubernetes-models), and a broken one fails', () => {
    const all = manifests();
    expect(all.map((m) => m.kind).sort()).toEqual(['Job', 'Job', 'PersistentVolumeClaim']);
    for (const m of all) expect(() => new MODELS[m.kind]!(m as never).validate(), m.metadata.name).not.toThrow();
    const broken = structuredClone(byName('mlbench-shards'));
    broken.spec.completions = 'four';
    expect(() => new Job(broken).validate()).toThrow(/completions/);
  });

  it('runs one shard per completion index, writes to the volume, and a merge step reads it', () => {
    const shards = byName('mlbench-shards');
    expect(shards.spec.completionMode).toBe('Indexed');
    expect(shards.spec.parallelism).toBe(shards.spec.completions);
    const [container] = shards.spec.template.spec.containers;
    expect(Number(env(container, 'JOB_COMPLETIONS'))).toBe(shards.spec.completions);
    expect(container.args.join(' ')).toMatch(/^run --shard auto .*--results-dir \/results\/\$\(RUN\)\/shards/);
    expect(container.volumeMounts[0].mountPath).toBe('/results');
    // Every flag the manifest passes exists on `mlbench run`.
    const run = buildProgram().commands.find((c) => c.name() === 'run')!;
    for (const flag of container.args.filter((a: string) => a.startsWith('--')))
      expect(
        run.options.some((o) => o.long === flag),
        flag,
      ).toBe(true);

    const merge = byName('mlbench-merge');
    const [merger] = merge.spec.template.spec.containers;
    expect(merger.args.join(' ')).toMatch(
      /mlbench merge \/results\/\$RUN\/shards\/\*\/\*\.json -o \/results\/\$RUN\/merged\.json/,
    );
    expect(env(merger, 'RUN')).toBe(env(container, 'RUN'));
    const claim = (job: any) => job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName;
    expect(claim(merge)).toBe(claim(shards));
    expect(claim(shards)).toBe(byName('mlbench-results').metadata.name);
  });
});
