/**
 * The benchm-ml table lives with the training code (harness/train/ladder-table.ts), since the
 * run summary prints it; re-exported here for the tabular suite's users.
 */
export { benchmMlTable, ladderRows } from '../../harness/train/ladder-table.js';
export type { LadderRow } from '../../harness/train/ladder-table.js';
