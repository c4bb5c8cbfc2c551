// Where EKS clusters' API servers live: a kube-emulator base URL (clusters at
// <base>/clusters/<name>) and its CA, or a kubeconfig naming each cluster's server.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { KubeBacking } from './eks-cluster-store.ts';

export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

interface KubeconfigCluster {
  name?: string;
  cluster?: { server?: string; 'certificate-authority-data'?: string; 'certificate-authority'?: string };
}

/** `--kube` accepts a URL (https://127.0.0.1:6443) or a kubeconfig path. */
export async function resolveKubeBacking(value: string, caFile?: string): Promise<KubeBacking> {
  const caPem = caFile === undefined ? undefined : await readFile(caFile, 'utf8');
  if (/^https?:\/\//.test(value)) return { baseUrl: value.replace(/\/$/, ''), caPem };
  return kubeBackingFromKubeconfig(value, caPem);
}

export async function kubeBackingFromKubeconfig(path: string, caPem?: string): Promise<KubeBacking> {
  const config = parseYaml(await readFile(path, 'utf8')) as { clusters?: KubeconfigCluster[] } | null;
  const entries = config?.clusters ?? [];
  if (entries.length === 0) throw new KubeconfigError(`${path}: no clusters`);
  const clusters: Record<string, string> = {};
  let baseUrl: string | undefined;
  let ca = caPem;
  for (const entry of entries) {
    const server = entry.cluster?.server;
    if (server === undefined) continue;
    const match = /^(.*)\/clusters\/([^/]+)\/?$/.exec(server);
    baseUrl ??= match ? match[1] : server;
    if (match) clusters[decodeURIComponent(match[2])] = server;
    else if (entry.name !== undefined) clusters[entry.name] = server;
    const data = entry.cluster?.['certificate-authority-data'];
    if (ca === undefined && data !== undefined) ca = Buffer.from(data, 'base64').toString('utf8');
    const caPath = entry.cluster?.['certificate-authority'];
    if (ca === undefined && caPath !== undefined) ca = await readFile(caPath, 'utf8');
  }
  if (baseUrl === undefined) throw new KubeconfigError(`${path}: no cluster has a server`);
  return { baseUrl: baseUrl.replace(/\/$/, ''), caPem: ca, clusters };
}
