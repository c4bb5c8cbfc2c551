// Kubeconfig files for the emulator's virtual clusters: one cluster, user and context each, in the
// shape kubectl, helm and client-node read (clientcmd v1 Config).
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface BuildKubeconfigOptions {
  /** the API server URL for a cluster, e.g. `https://127.0.0.1:6443/clusters/<name>` */
  server: (cluster: string) => string;
  /** the CA that signed the serving certificate; written as certificate-authority-data */
  caPem?: string;
  clusters: { name: string; token: string }[];
  /** defaults to the first cluster */
  currentContext?: string;
  /** write insecure-skip-tls-verify instead of a CA (kubectl refuses both together) */
  insecure?: boolean;
}

/** The user entry for a cluster: `<cluster>-admin`, as `kind`/`eksctl` name theirs. */
export function adminUserName(cluster: string): string {
  return `${cluster}-admin`;
}

/** A kubeconfig YAML with a context per cluster, named after the cluster. */
export function buildKubeconfig(opts: BuildKubeconfigOptions): string {
  if (opts.clusters.length === 0)
    throw new Error('buildKubeconfig: at least one cluster is required');
  const names = new Set<string>();
  for (const c of opts.clusters) {
    if (names.has(c.name)) throw new Error(`buildKubeconfig: cluster ${c.name} is listed twice`);
    names.add(c.name);
  }
  const currentContext = opts.currentContext ?? opts.clusters[0]?.name ?? '';
  if (!names.has(currentContext)) {
    throw new Error(
      `buildKubeconfig: current context ${currentContext} is not one of the clusters`,
    );
  }
  const caData = opts.caPem ? Buffer.from(opts.caPem).toString('base64') : undefined;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: opts.clusters.map((c) => ({
      name: c.name,
      cluster: {
        server: opts.server(c.name),
        ...(opts.insecure
          ? { 'insecure-skip-tls-verify': true }
          : caData
            ? { 'certificate-authority-data': caData }
            : {}),
      },
    })),
    users: opts.clusters.map((c) => ({ name: adminUserName(c.name), user: { token: c.token } })),
    contexts: opts.clusters.map((c) => ({
      name: c.name,
      context: { cluster: c.name, user: adminUserName(c.name) },
    })),
    'current-context': currentContext,
  };
  // no line folding: base64 CA data and tokens must stay on one line for every YAML reader
  return stringify(config, { lineWidth: 0 });
}

/** Write a kubeconfig readable only by its owner (it holds bearer tokens), creating the directory. */
export async function writeKubeconfig(path: string, yaml: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, yaml, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an existing file keeps its own
  await chmod(path, 0o600);
}
