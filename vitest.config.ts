import { defineConfig } from 'vitest/config';

/**
 * Two lanes (`npm test` runs both):
 * - unit: tests/unit, the sources only, no build (`npm run test:unit`);
 * - cli: tests/integration and tests/faults, which start the built CLI or job processes from
 *   dist/ (`npm run test:cli` builds first).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['tests/integration/**/*.test.ts', 'tests/faults/**/*.test.ts'] } },
    ],
  },
});
