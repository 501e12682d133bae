/** .github/workflows/bench-sharded.yml: a shards x runner-types matrix, artifacts, one merge+report job. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../helpers/cli.js';

const workflow = parse(readFileSync(path.join(ROOT, '.github', 'workflows', 'bench-sharded.yml'), 'utf8'));
const steps = (job: string): Array<Record<string, any>> => workflow.jobs[job].steps;
const uses = (job: string, action: string) => steps(job).find((s) => String(s.uses ?? '').startsWith(action));

describe('bench-sharded workflow', () => {
  it('runs every shard 1..SHARDS on every runner type and uploads each result file', () => {
    const { matrix } = workflow.jobs.shard.strategy;
    expect(matrix.shard).toEqual(Array.from({ length: workflow.env.SHARDS }, (_, i) => i + 1));
    expect(matrix.runner.length).toBeGreaterThanOrEqual(2);
    expect(workflow.jobs.shard['runs-on']).toBe('${{ matrix.runner }}');
    expect(workflow.jobs.shard.strategy['fail-fast']).toBe(false);
    const run = steps('shard').find((s) => String(s.run ?? '').includes('mlbench.js run'))!;
    expect(run.run).toMatch(/--shard \$\{\{ matrix\.shard \}\}\/\$\{\{ env\.SHARDS \}\}/);
    expect(run.run).toMatch(/--results-dir results/);
    const upload = uses('shard', 'actions/upload-artifact')!;
    expect(upload.with.path).toBe('results/');
    expect(upload.with.name).toMatch(/\$\{\{ matrix\.runner \}\}.*\$\{\{ matrix\.shard \}\}/);
  });

  it('merges the downloaded shards per runner type and writes one report after all shards', () => {
    const job = workflow.jobs['merge-report'];
    expect(job.needs).toBe('shard');
    expect(uses('merge-report', 'actions/download-artifact')!.with.pattern).toBe('results-*');
    const script = steps('merge-report')
      .map((s) => String(s.run ?? ''))
      .join('\n');
    expect(script).toMatch(/mlbench\.js merge \$files -o "merged\/\$runner\.json"/);
    expect(script).toMatch(/mlbench\.js report merged -o report/);
    expect(script.indexOf('merge $files')).toBeLessThan(script.indexOf('report merged'));
    expect(uses('merge-report', 'actions/upload-artifact')!.with.path).toMatch(/report\//);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });
});
