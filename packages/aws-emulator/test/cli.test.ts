import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { proxyGet } from './support/proxy-get.ts';
import { assumeRole, eksClient, stsClient } from './support/sdk.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const DEMO_SEED = fileURLToPath(new URL('../examples/demo-seed.yaml', import.meta.url));

/** Runs the CLI on the Node that runs the tests (Node 24 via npx). */
function startCli(args: string[]): { child: ReturnType<typeof spawn>; ready: Promise<string>; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = /^ready (\S+)\n/.exec(out);
      if (line) resolve(line[1]);
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
  });
  return { child, ready, stdout: () => out, stderr: () => err };
}

describe('aws-emulator CLI', () => {
  it('prints one ready line, serves the seed, the kubeconfig backing and the data plane, stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-emulator-cli-'));
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: tenant-a-blue',
        '  cluster:',
        '    server: https://127.0.0.1:7443/clusters/tenant-a-blue',
        `    certificate-authority-data: ${Buffer.from('PEM').toString('base64')}`,
        '',
      ].join('\n'),
    );
    const { child, ready, stdout, stderr } = startCli(['--port', '0', '--seed', DEMO_SEED, '--kube', kubeconfig, '--data-plane-port', '0']);
    try {
      const endpoint = await ready;
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const user = { accessKeyId: 'AKIAHUB0000000000001', secretAccessKey: 'hub-user-secret' };
      const who = await stsClient(endpoint, user).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe('arn:aws:iam::111111111111:user/trellis-hub');
      const hub = await assumeRole(endpoint, user, 'arn:aws:iam::111111111111:role/TrellisHub');
      const clusterCreds = await assumeRole(endpoint, hub, 'arn:aws:iam::333333333333:role/TrellisClusterAccess');
      const { cluster } = await eksClient(endpoint, clusterCreds).send(new DescribeClusterCommand({ name: 'blue' }));
      expect(cluster?.endpoint).toBe('https://127.0.0.1:7443/clusters/tenant-a-blue');
      expect(cluster?.certificateAuthority?.data).toBe(Buffer.from('PEM').toString('base64'));
      // the data plane's URL is announced on stderr (written before the ready line) and answers
      const dataPlaneUrl = /^data-plane (\S+)$/m.exec(stderr())?.[1];
      expect(dataPlaneUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await proxyGet(dataPlaneUrl!, 'unknown.example')).toMatchObject({ status: 404, reason: 'unknown-host' });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stdout().split('\n').filter((l) => l !== '')).toHaveLength(1);
  }, 90_000);

  it('refuses a bad --data-plane-port with the usage', async () => {
    const child = spawn(process.execPath, [CLI, '--data-plane-port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (err += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(err).toContain('--data-plane-port must be 0..65535, got eighty');
    expect(err).toContain('usage: aws-emulator');
  }, 90_000);

  it('fails with a readable message for a bad seed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-emulator-cli-'));
    const seed = join(dir, 'seed.yaml');
    await writeFile(seed, 'accounts:\n  - id: "12"\n');
    const child = spawn(process.execPath, [CLI, '--seed', seed], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (err += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(err).toContain('invalid seed');
    expect(err).toContain('/accounts/0/id: must match pattern');
  }, 90_000);
});
