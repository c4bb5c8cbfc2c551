// The CLI as scripts use it: one `ready <url>` line on stdout, a kubeconfig with a context per
// cluster, a clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

it('prints ready, writes the kubeconfig and stops on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kube-emulator-cli-'));
  const kubeconfig = join(dir, 'kc.yaml');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'packages/kube-emulator/src/cli.ts'), '--clusters', 'alpha,beta,gamma', '--port', '0', '--kubeconfig', kubeconfig, '--http'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const line = stdout.split('\n').find((l) => l.startsWith('ready '));
        if (line) resolve(line);
      });
      child.on('close', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(ready).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+$/);
    const config = parse(await readFile(kubeconfig, 'utf8')) as { contexts: { name: string }[]; clusters: { cluster: { server: string } }[] };
    expect(config.contexts.map((c) => c.name)).toEqual(['alpha', 'beta', 'gamma']);
    const base = ready.slice('ready '.length);
    expect(config.clusters[1]?.cluster.server).toBe(`${base}/clusters/beta`);
    const version = (await (await fetch(`${base}/clusters/gamma/version`)).json()) as { major: string };
    expect(version.major).toBe('1');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(stdout.trim().split('\n')).toHaveLength(1);
  await rm(dir, { recursive: true, force: true });
});
