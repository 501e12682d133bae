import { describe, expect, it } from 'vitest';
import { describeRuntime, RUNTIMES, runtimeSettingsGroups } from '../../../harness/runtimes/index.js';
import { scanSources } from '../../helpers/source-scan.js';

/** The registry and its adapters may read their own ids; the id syntax lives in harness/common/format.ts. */
const EXEMPT = ['harness/runtimes/', 'harness/common/format.ts', 'results/metrics.ts'];
const SCANNED = ['harness', 'suites', 'bench', 'results', 'reports'];
const FAMILIES = '(?:ort-node|ort-web|ort|tfjs-node-gpu|tfjs-node|tfjs|external|null)';

/**
 * Capabilities matched on a runtime id string: a prefix test (`id.startsWith('tfjs')`), the null
 * runtime found by its id (`runtime !== 'null'`), a table keyed or listed by runtime family
 * (`{ 'ort-node': 150 }`, `['tfjs', 'tfjs-node']`) or a regex over backends (`/cuda|webgpu/`).
 */
export function idCapabilityMatches(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(new RegExp(`startsWith\\((['"])${FAMILIES}[:-]?\\1?`, 'g')))
    found.push(`prefix test ${m[0]}`);
  for (const m of code.matchAll(/runtime(?:\.id)?\s*[!=]==\s*'null'/g)) found.push(`null runtime by id: ${m[0]}`);
  for (const m of code.matchAll(new RegExp(`'${FAMILIES}':\\s*\\d`, 'g'))) found.push(`table keyed by family: ${m[0]}`);
  for (const m of code.matchAll(new RegExp(`\\[\\s*'${FAMILIES}',\\s*'${FAMILIES}'`, 'g')))
    found.push(`list of families: ${m[0]}`);
  for (const m of code.matchAll(/\/[^/\n]*\b(?:cuda|tensorrt|webgpu|dml|coreml)\|[^/\n]*\//g))
    found.push(`backend regex ${m[0]}`);
  return found;
}

describe('capabilities are data', () => {
  it('no source outside the registry matches a capability on a runtime id string', () => {
    const offences = scanSources(SCANNED, idCapabilityMatches, (rel) => EXEMPT.some((e) => rel.startsWith(e)));
    expect(offences).toEqual([]);
  });

  it('the scan finds what it is meant to find', () => {
    expect(idCapabilityMatches("return runtimeId.startsWith('tfjs') ? 'tfjs' : 'onnx';")).toHaveLength(1);
    expect(idCapabilityMatches("if (job.runtime !== 'null') check();")).toHaveLength(1);
    expect(idCapabilityMatches("const START = { null: 0, 'ort-node': 150 };")).toHaveLength(1);
    expect(idCapabilityMatches("const TRAINING = ['tfjs', 'tfjs-node'];")).toHaveLength(1);
    expect(idCapabilityMatches('const GPU = /cuda|tensorrt|webgpu/;')).toHaveLength(1);
    expect(idCapabilityMatches("runtimes: ['null', 'ort-node:cpu'], describeRuntime(id)?.family === 'tfjs'")).toEqual(
      [],
    );
  });

  it('every registered runtime declares a descriptor that agrees with the settings groups', () => {
    for (const [id, entry] of Object.entries(RUNTIMES)) {
      expect(entry.modelFormats.length, id).toBeGreaterThan(0);
      expect(['cpu', 'gpu'], id).toContain(entry.device);
      expect(['node', 'browser'], id).toContain(entry.host);
    }
    expect(describeRuntime('external:python3 peer.py')?.family).toBe('external');
    expect(describeRuntime('ort-node:cuda')?.device).toBe('gpu');
    expect(describeRuntime('no-such:runtime')).toBeUndefined();
    expect(runtimeSettingsGroups()).toEqual(expect.arrayContaining(['null', 'ort', 'ortWeb', 'tfjs', 'external']));
  });
});
