// The real helm binary (from @trellis/testkit) run against the charts in this workspace, with
// its caches and config in a private temp dir so tests never touch the user's helm setup.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKubeTools } from '@trellis/testkit';
import { parseAllDocuments } from 'yaml';

export const CHARTS_DIR = join(import.meta.dirname, '..', '..');
export const TRELLIS_CHART = join(CHARTS_DIR, 'trellis');
export const WORKLOAD_CHART = join(CHARTS_DIR, 'trellis-workload');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A Kubernetes object as rendered; fields read by tests are checked at runtime. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

const home = mkdtempSync(join(tmpdir(), 'trellis-charts-helm-'));
let tools: Promise<{ kubectl: string; helm: string }> | undefined;

export function kubeTools(): Promise<{ kubectl: string; helm: string }> {
  tools ??= ensureKubeTools();
  return tools;
}

export function run(binary: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        env: {
          ...process.env,
          HOME: home,
          HELM_CACHE_HOME: join(home, 'cache'),
          HELM_CONFIG_HOME: join(home, 'config'),
          HELM_DATA_HOME: join(home, 'data'),
          KUBECACHEDIR: join(home, 'kube-cache'),
        },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ code: 0, stdout, stderr });
        // a number: the exit code; otherwise the binary did not run (ENOENT, timeout, ...)
        if (typeof error.code === 'number') return resolve({ code: error.code, stdout, stderr });
        reject(new Error(`${binary} ${args.join(' ')}: ${error.message}`));
      },
    );
  });
}

export async function helm(args: string[]): Promise<CommandResult> {
  return run((await kubeTools()).helm, args);
}

export async function helmOk(args: string[]): Promise<string> {
  const result = await helm(args);
  if (result.code !== 0) {
    throw new Error(
      `helm ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** `helm template` → the rendered objects (empty documents dropped). */
export async function template(
  chart: string,
  args: string[] = [],
  release = 'hub',
): Promise<Manifest[]> {
  const out = await helmOk(['template', release, chart, '--namespace', 'trellis-system', ...args]);
  return parseAllDocuments(out)
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`helm rendered invalid YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) {
    const have = manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ');
    throw new Error(`${kind}/${name} not rendered; have: ${have}`);
  }
  return found;
}

export function ofKind(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}
