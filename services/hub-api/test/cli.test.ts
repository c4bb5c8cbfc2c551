// The hub-api process as an operator runs it: env configuration, one `ready <url>` line on
// stdout, a working API, and a clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TRELLIS_CRDS } from '@trellis/core';
import { CoreResources, kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
import { startKubeEmulator } from '@trellis/kube-emulator';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');

describe('hub-api CLI', () => {
  it('prints exactly one ready line, serves, and exits 0 on SIGTERM', async () => {
    const kube = await startKubeEmulator({ clusters: ['mgmt'], logLevel: 'silent' });
    const dir = await mkdtemp(join(tmpdir(), 'hub-api-cli-'));
    let child: ChildProcess | undefined;
    try {
      const mgmt = new ResourceClient(kubeConfigFromYaml(kube.kubeconfig, 'mgmt'));
      for (const crd of TRELLIS_CRDS)
        await mgmt.create(CoreResources.customResourceDefinitions, crd);
      const kubeconfig = join(dir, 'kubeconfig');
      await writeFile(kubeconfig, kube.kubeconfig, { mode: 0o600 });
      const tokenFile = join(dir, 'admin-token');
      await writeFile(tokenFile, 'cli-admin-token-0123456789\n');
      const proc = spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          TRELLIS_KUBE_CONTEXT: 'mgmt',
          TRELLIS_ADMIN_TOKEN: '',
          TRELLIS_ADMIN_TOKEN_FILE: tokenFile,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const stdout: string[] = [];
      const lines = createInterface({ input: proc.stdout });
      const url = await new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => {
          stdout.push(line);
          const match = /^ready (http:\/\/\S+)$/.exec(line);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        proc.on('exit', (code) => reject(new Error(`hub-api exited early with ${code}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const list = await fetch(`${url}/v1/tenants`, {
        headers: { authorization: 'Bearer cli-admin-token-0123456789' },
      });
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual({ items: [] });
      const exited = new Promise<number | null>((resolve) =>
        proc.on('exit', (code) => resolve(code)),
      );
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toEqual([`ready ${url}`]);
    } finally {
      if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      await kube.stop();
    }
    // A cold start imports @kubernetes/client-node (seconds on a busy 2-core machine).
  }, 120_000);
});
