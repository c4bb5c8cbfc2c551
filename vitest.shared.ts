// Settings every workspace's vitest.config.ts shares: tests beside the code and in test/, two
// workers at most (2-core machines), and — only under `npm test`, which sets
// TRELLIS_TEST_RESULTS — a JSON report per package for scripts/test.ts's summary (so a single
// `npx vitest run` elsewhere never overwrites a full run's report).
import { basename, join } from 'node:path';
import { defineConfig } from 'vitest/config';

export function workspaceTestConfig(packageDir: string) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      pool: 'forks',
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...(process.env.TRELLIS_TEST_RESULTS
        ? {
            reporters: ['default', 'json'],
            outputFile: {
              json: join(process.env.TRELLIS_TEST_RESULTS, `${basename(packageDir)}.json`),
            },
          }
        : {}),
    },
  });
}
