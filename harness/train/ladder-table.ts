/** The benchm-ml ladder table lives in results/ladder-table.ts (it reads result rows only). */
export * from '../../results/ladder-table.js';
