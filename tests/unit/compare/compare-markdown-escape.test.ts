import { describe, expect, it } from 'vitest';
import { compareSides, formatMarkdown, sideFromResults } from '../../../results/compare/index.js';
import { job, latencies, result } from './make-result.js';

const side = (jobs: ReturnType<typeof job>[]) => sideFromResults([result(jobs)], ['x.json']);

describe('compare Markdown escaping', () => {
  it('a workload name with a backslash-pipe or a link stays inert text', () => {
    const names = ['a\\|b', '[x](https://evil)', '~~gone~~ <b>'];
    const base = names.map((workload) => job({ workload }));
    const cand = names.map((workload) => job({ workload, samplesNs: latencies(2, 400, 130_000) }));
    const md = formatMarkdown(compareSides(side(base), side(cand)));
    expect(md).toContain('a\\\\\\|b'); // `\` and `|` both escaped: no cell break
    expect(md).toContain('\\[x\\](https://evil)');
    expect(md).not.toContain('[x](https://evil)');
    expect(md).toContain('\\~\\~gone\\~\\~ &lt;b&gt;');
    // Each table row keeps exactly 10 unescaped pipes (9 columns).
    const tableRows = md.split('\n').filter((l) => l.startsWith('| smoke/'));
    expect(tableRows.length).toBeGreaterThanOrEqual(3);
    for (const line of tableRows) {
      expect(line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1).toBe(10);
    }
  });
});
