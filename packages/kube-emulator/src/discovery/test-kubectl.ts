// Test-only: find real kubectl binaries (1.31 and 1.32 where present) and run them with a
// kubeconfig, so the discovery/openapi/table/tls tests prove behaviour against the real client.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface KubectlBinary {
  /** e.g. '1.32' */
  label: string;
  path: string;
}

const CANDIDATES: readonly KubectlBinary[] = [
  { label: '1.32', path: '/usr/lib/google-cloud-sdk/bin/kubectl.1.32' },
  { label: '1.31', path: '/usr/lib/google-cloud-sdk/bin/kubectl.1.31' },
  // extracted from the npm layer package by @trellis/testkit's ensureKubeTools (v1.31)
  { label: 'tools', path: resolve(import.meta.dirname, '../../../../.tools/bin/kubectl') },
];

/** Real kubectl binaries available here: KUBECTL first, then versioned installs. */
export function findKubectls(): KubectlBinary[] {
  const found: KubectlBinary[] = [];
  const fromEnv = process.env.KUBECTL;
  if (fromEnv && existsSync(fromEnv)) found.push({ label: 'env', path: fromEnv });
  for (const c of CANDIDATES) {
    // the npm layer's kubectl is v1.31 too: run it only where the system one is missing
    if (c.label === 'tools' && found.some((f) => f.label === '1.31')) continue;
    if (existsSync(c.path)) found.push(c);
  }
  return found;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runKubectl(
  binary: string,
  kubeconfig: string,
  args: string[],
  stdin?: string,
): Promise<KubectlResult> {
  return new Promise((done) => {
    const child = execFile(
      binary,
      ['--kubeconfig', kubeconfig, ...args],
      { timeout: 30_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

/** A kubectl session against a test server: a kubeconfig (default namespace) and a private cache dir. */
export interface KubectlSession {
  kubectl: KubectlBinary;
  run(args: string[], stdin?: string): Promise<KubectlResult>;
}

export function kubectlSession(
  kubectl: KubectlBinary,
  kubeconfig: string,
  cacheDir: string,
): KubectlSession {
  return {
    kubectl,
    run: (args, stdin) =>
      runKubectl(
        kubectl.path,
        kubeconfig,
        ['--cache-dir', cacheDir, '-n', 'default', ...args],
        stdin,
      ),
  };
}
