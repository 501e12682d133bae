import { describe, expect, it } from 'vitest';
import { compareSides, observe, sideFromResults } from '../../../results/compare/index.js';
import { UsageError } from '../../../harness/errors.js';
import { job, result } from './make-result.js';

describe('compare observations', () => {
  it('peak memory comes from measured repeats only, not crashed or oom ones', () => {
    const o = observe([
      job({ repeat: 0, memory: { peakRssBytes: 50e6 } }),
      job({ repeat: 1, status: 'oom', memory: { peakRssBytes: 4e9 } }),
      job({ repeat: 2, status: 'crashed', memory: { peakRssBytes: 3e9 } }),
      job({ repeat: 3, status: 'invalid', memory: { peakRssBytes: 60e6 } }),
    ]);
    expect(o.peakRssBytes).toEqual([50e6, 60e6]);
    expect(o.statuses).toEqual(['ok', 'oom', 'crashed', 'invalid']);
  });

  it('a corrupt histogram is a bad result file naming the file and the job', () => {
    const corrupt = job({
      samplesCapped: true,
      histogramNs: { encoding: 'hdr-histogram-js/base64', data: 'AAAA', count: 10 },
    });
    const good = sideFromResults([result([job()])], ['base.json']);
    const bad = sideFromResults([result([corrupt])], ['out/results/cand.json']);
    let error: unknown;
    try {
      compareSides(good, bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('E_RESULT_FILE');
    expect((error as Error).message).toContain('out/results/cand.json');
    expect((error as Error).message).toContain(corrupt.id);
    expect((error as Error).message).toMatch(/histogramNs is corrupt/);
  });
});
