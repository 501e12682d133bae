/**
 * The Node-vs-browser view: the same model and runtime in both hosts, side by side. Each browser
 * job (`chromium/<runtime>:<backend>`) is paired with its Node twin (harness/browser/browser-specs.ts:
 * `chromium/ort-web:wasm` with `ort-web:wasm`) on the same machine, suite, workload and scenario,
 * from the newest run of each; a browser runtime without a Node twin (WebGL) has no row. It answers
 * "what does shipping this runtime on a web page cost, or gain, against Node?".
 *
 * Speed is the leaderboard's (leaderboard.ts speedSample): the median query latency, with its
 * distribution-free 95% CI. The ratio is browser / Node (above 1: the browser is slower); its
 * interval is conservative, the two medians' CIs divided at opposite ends
 * ([low_browser / high_node, high_browser / low_node]), none where either side has too few samples.
 * The wasm thread count each side used is shown, since the hosts may differ (tfjs:wasm in Node is
 * single-threaded; the page uses every logical core by default).
 */
import { browserRuntimeSpec } from '../harness/browser/browser-specs.js';
import { groupBy, measured } from './charts/theme.js';
import { speedSample } from './leaderboard.js';
import type { ReportJob } from './model.js';

export interface HostSide {
  /** The runtime id as the report writes it (`ort-web:wasm`, `chromium/ort-web:wasm`). */
  runtime: string;
  /** Median query latency (ns) and its 95% interval. */
  value: number;
  low: number | null;
  high: number | null;
  /** Threads the runtime reported (null: not reported). */
  threads: number | null;
  /** LoadGen INVALID (measured, shown with its mark). */
  invalid: boolean;
}

export interface NodeVsBrowserRow {
  machineLabel: string;
  suite: string;
  workload: string;
  scenario: string;
  node: HostSide;
  browser: HostSide;
  /** browser / node median latency, with its conservative 95% interval. */
  ratio: number;
  ratioLow: number | null;
  ratioHigh: number | null;
}

export interface NodeVsBrowserView {
  rows: NodeVsBrowserRow[];
  /** Rows come from more than one machine (the machine is then shown per row). */
  multiMachine: boolean;
}

function side(group: ReportJob[]): HostSide | null {
  const s = speedSample(group);
  if (!s || !(s.value > 0)) return null;
  const threads = group.map((j) => j.threads ?? null).find((t) => t !== null) ?? null;
  return { runtime: group[0]!.runtime, ...s, threads, invalid: group.some((j) => j.verdict === 'INVALID') };
}

/** The view, or null when no browser job has a measured Node twin beside it. `suiteRank` orders rows. */
export function buildNodeVsBrowser(jobs: ReportJob[], suiteRank: (suite: string) => number): NodeVsBrowserView | null {
  const usable = measured(jobs).filter((j) => j.latest && j.kind === 'inference');
  const rows: NodeVsBrowserRow[] = [];
  for (const contest of groupBy(
    usable,
    (j) => `${j.machineId}\u0000${j.suite}\u0000${j.workload}\u0000${j.scenario}`,
  ).values()) {
    const byRuntime = groupBy(contest, (j) => j.runtime);
    for (const [runtime, browserJobs] of byRuntime) {
      const twin = browserRuntimeSpec(runtime)?.nodeTwin;
      const nodeJobs = twin ? byRuntime.get(twin) : undefined;
      if (!nodeJobs) continue;
      const node = side(nodeJobs);
      const browser = side(browserJobs);
      if (!node || !browser) continue;
      const ci = node.low !== null && node.high !== null && browser.low !== null && browser.high !== null;
      const first = browserJobs[0]!;
      rows.push({
        machineLabel: first.machineLabel,
        suite: first.suite,
        workload: first.workload,
        scenario: first.scenario,
        node,
        browser,
        ratio: browser.value / node.value,
        ratioLow: ci ? browser.low! / node.high! : null,
        ratioHigh: ci ? browser.high! / node.low! : null,
      });
    }
  }
  if (!rows.length) return null;
  rows.sort(
    (x, y) =>
      x.machineLabel.localeCompare(y.machineLabel) ||
      suiteRank(x.suite) - suiteRank(y.suite) ||
      x.suite.localeCompare(y.suite) ||
      x.workload.localeCompare(y.workload) ||
      x.scenario.localeCompare(y.scenario) ||
      x.node.runtime.localeCompare(y.node.runtime),
  );
  return { rows, multiMachine: new Set(rows.map((r) => r.machineLabel)).size > 1 };
}
