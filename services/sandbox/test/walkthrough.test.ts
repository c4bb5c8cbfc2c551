import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instructions, startSandbox, walkThrough, type Sandbox } from '../src/index.ts';

describe('sandbox walk-through', () => {
  let sandbox: Sandbox;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'trellis-sandbox-'));
    sandbox = await startSandbox({ stateDir, logger: pino({ level: 'silent' }) });
  }, 60_000);
  afterAll(async () => {
    await sandbox.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('onboards the demo tenant through the REST API and every check passes', async () => {
    const results = await walkThrough(sandbox, () => {});
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(8);
  }, 180_000);

  it('writes a kubeconfig and an admin token file, and prints how to use them', async () => {
    expect(await readFile(join(stateDir, 'admin-token'), 'utf8')).toBe(`${sandbox.adminToken}\n`);
    expect(await readFile(sandbox.kubeconfigPath, 'utf8')).toContain('name: blue');
    const text = instructions(sandbox);
    expect(text).toContain(sandbox.apiUrl);
    expect(text).toContain('--context mgmt get tenants,workloadclusters -A');
  });
});
