import { defineConfig } from 'vitest/config';

/**
 * Two lanes (`npm test` runs both):
 * - unit: tests/unit, the sources only, no build, one process per worker (`npm run test:unit`);
 * - cli: tests/integration and tests/faults, which start the built CLI or job processes from
 *   dist/ (`npm run test:cli` builds first), and the few source tests that run long on real data
 *   or every runtime (the 3M-row flights split, the runtime x architecture parity matrix).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      // The unit lane shares one process per worker across files (isolate: false): 151 files each
      // re-importing onnxruntime, tfjs and the harness cost ~80 s of the lane's ~125 s here; without
      // per-file isolation it runs in ~45 s on this 2-core machine (measured 2026-12-05, load 0).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: { name: 'cli', include: ['tests/integration/**/*.test.ts', 'tests/faults/**/*.test.ts'] },
      },
    ],
  },
});
