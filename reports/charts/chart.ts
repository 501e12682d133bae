/**
 * The chart contract: one vega-lite spec built from the report model's jobs. A chart that finds
 * no data returns null and is left out of the report rather than drawn empty.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportJob } from '../model.js';

export interface ChartDef {
  /** kebab-case; the file stem of `charts/<suite>-<id>.svg`. */
  id: string;
  title: string;
  /** One or two sentences for the report: what is plotted and how it was computed. */
  description: string;
  /** The vega-lite spec for these jobs (one suite's), or null when they hold no data for it. */
  spec(jobs: ReportJob[]): TopLevelSpec | null;
}
