// Settings every workspace's vitest.config.ts shares: tests beside the code and in test/, two
// workers at most (2-core machines), and a JSON report per package for scripts/test.ts's summary.
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

export function workspaceTestConfig(packageDir: string) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      pool: 'forks',
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: ['default', 'json'],
      outputFile: { json: join(root, '.test-results', `${basename(packageDir)}.json`) },
    },
  });
}
