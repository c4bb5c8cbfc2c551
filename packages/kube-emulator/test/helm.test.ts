// The real helm against the emulator: template, install, upgrade, list, uninstall of a tiny
// chart. helm comes from `npm run tools` (.tools/bin/helm); without it the test says so and skips.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/test-emulator.ts';
import type { CommandResult, TestEmulator } from './support/test-emulator.ts';

const HELM = process.env.HELM ?? join(import.meta.dirname, '..', '..', '..', '.tools', 'bin', 'helm');
const CHART = join(import.meta.dirname, 'fixtures', 'tiny-chart');
const haveHelm = existsSync(HELM);
if (!haveHelm) console.warn(`helm not found at ${HELM}: run \`npm run tools\` first; skipping the helm test`);

let t: TestEmulator;

function helm(args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(HELM, [...args, '--kubeconfig', t.kubeconfigPath], {
      env: { ...process.env, HOME: t.dir, HELM_CACHE_HOME: join(t.dir, 'helm-cache'), HELM_CONFIG_HOME: join(t.dir, 'helm-config'), HELM_DATA_HOME: join(t.dir, 'helm-data') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function helmOk(args: string[]): Promise<string> {
  const r = await helm(args);
  if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe.skipIf(!haveHelm)('helm', () => {
  beforeAll(async () => {
    t = await startTestEmulator(['apps']);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('renders the chart with helm template', async () => {
    const out = await helmOk(['template', 'demo', CHART]);
    expect(out).toContain('name: demo-settings');
    expect(out).toContain('kind: Deployment');
  });

  it('installs, upgrades, lists and uninstalls a release', async () => {
    expect(await helmOk(['install', 'demo', CHART, '--namespace', 'default'])).toContain('STATUS: deployed');
    expect(await t.k(['get', 'configmap', 'demo-settings', '-o', 'jsonpath={.data.greeting}'])).toBe('hello');
    expect(await t.k(['get', 'deployment', 'demo-web', '-o', 'name'])).toContain('deployment.apps/demo-web');
    // helm keeps its release in a labelled Secret
    expect(await t.k(['get', 'secrets', '-l', 'owner=helm,name=demo', '-o', 'name'])).toContain('sh.helm.release.v1.demo.v1');

    await helmOk(['upgrade', 'demo', CHART, '--namespace', 'default', '--set', 'greeting=bonjour']);
    expect(await t.k(['get', 'configmap', 'demo-settings', '-o', 'jsonpath={.data.greeting}'])).toBe('bonjour');
    expect(await helmOk(['list', '--namespace', 'default', '-o', 'json'])).toContain('"revision":"2"');

    await helmOk(['uninstall', 'demo', '--namespace', 'default']);
    expect((await t.kubectl(['get', 'configmap', 'demo-settings'])).stderr).toContain('not found');
    expect((await t.kubectl(['get', 'deployment', 'demo-web'])).stderr).toContain('not found');
  });
});
