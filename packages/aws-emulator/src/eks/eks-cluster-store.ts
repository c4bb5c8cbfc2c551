// EKS clusters (from the seed or added at runtime) and their access entries. Each cluster is
// backed by a kube-emulator cluster: endpoint <kube baseUrl>/clusters/<kubeCluster>, CA = the
// kube-emulator's CA.
import { createHash } from 'node:crypto';
import type { Clock } from '../core/contracts.ts';

export interface KubeBacking {
  /** kube-emulator base URL, e.g. https://127.0.0.1:6443 */
  baseUrl: string;
  /** PEM of the CA that signed the kube-emulator's serving certificate */
  caPem?: string;
  /** explicit server URL per kube-emulator cluster name (from a kubeconfig) */
  clusters?: Record<string, string>;
}

export interface AccessEntry {
  clusterName: string;
  principalArn: string;
  /** may contain {{SessionName}}, {{AccountID}} as EKS allows */
  username: string;
  kubernetesGroups: string[];
  type: string;
  accessEntryArn: string;
  createdAt: Date;
  modifiedAt: Date;
  tags: Record<string, string>;
}

export interface EksCluster {
  name: string;
  accountId: string;
  region: string;
  arn: string;
  version: string;
  platformVersion: string;
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  kubeCluster: string;
  /** explicit endpoint; otherwise derived from the kube backing */
  endpoint?: string;
  createdAt: Date;
  tags: Record<string, string>;
  accessEntries: Map<string, AccessEntry>;
}

export interface EksClusterInput {
  name: string;
  accountId: string;
  region: string;
  vpcId: string;
  version?: string;
  platformVersion?: string;
  subnetIds?: string[];
  securityGroupIds?: string[];
  kubeCluster?: string;
  endpoint?: string;
  createdAt?: Date;
  tags?: Record<string, string>;
  accessEntries?: Array<{ principalArn: string; username?: string; kubernetesGroups?: string[]; type?: string }>;
}

export interface AccessEntryInput {
  principalArn: string;
  username?: string;
  kubernetesGroups?: string[];
  type?: string;
  tags?: Record<string, string>;
}

export class DuplicateAccessEntryError extends Error {
  constructor(principalArn: string) {
    super(`access entry for ${principalArn} already exists`);
    this.name = 'DuplicateAccessEntryError';
  }
}

/** Told about a cluster's access entries whenever they change (and when the cluster is added). */
export type AccessEntriesListener = (cluster: EksCluster, entries: AccessEntry[]) => void;

export class EksClusterStore {
  private readonly clusters = new Map<string, EksCluster>();
  private readonly listeners = new Set<AccessEntriesListener>();
  kube: KubeBacking | undefined;
  private readonly clock: Clock;

  constructor(options: { clock: Clock; kube?: KubeBacking }) {
    this.clock = options.clock;
    this.kube = options.kube;
  }

  add(input: EksClusterInput): EksCluster {
    const cluster: EksCluster = {
      name: input.name,
      accountId: input.accountId,
      region: input.region,
      arn: `arn:aws:eks:${input.region}:${input.accountId}:cluster/${input.name}`,
      version: input.version ?? '1.31',
      platformVersion: input.platformVersion ?? 'eks.1',
      vpcId: input.vpcId,
      subnetIds: input.subnetIds ?? [],
      securityGroupIds: input.securityGroupIds ?? [],
      kubeCluster: input.kubeCluster ?? input.name,
      endpoint: input.endpoint,
      createdAt: input.createdAt ?? this.clock.now(),
      tags: input.tags ?? {},
      accessEntries: new Map(),
    };
    this.clusters.set(key(cluster.accountId, cluster.region, cluster.name), cluster);
    for (const entry of input.accessEntries ?? []) this.insertAccessEntry(cluster, entry);
    this.notify(cluster);
    return cluster;
  }

  /** Subscribe to access-entry changes (e.g. to push them to the kube-emulator); returns unsubscribe. */
  onAccessEntriesChanged(listener: AccessEntriesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(cluster: EksCluster): void {
    const entries = [...cluster.accessEntries.values()];
    for (const listener of this.listeners) listener(cluster, entries);
  }

  get(accountId: string, region: string, name: string): EksCluster | undefined {
    return this.clusters.get(key(accountId, region, name));
  }

  list(accountId: string, region: string): EksCluster[] {
    return [...this.clusters.values()]
      .filter((c) => c.accountId === accountId && c.region === region)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  all(): EksCluster[] {
    return [...this.clusters.values()];
  }

  /** Clusters an EKS token's x-k8s-aws-id or a kube-emulator cluster name refers to. */
  findByName(name: string): EksCluster[] {
    return this.all().filter((c) => c.name === name || c.kubeCluster === name);
  }

  endpointOf(cluster: EksCluster): string {
    if (cluster.endpoint !== undefined) return cluster.endpoint;
    const known = this.kube?.clusters?.[cluster.kubeCluster];
    if (known !== undefined) return known;
    if (this.kube) return `${this.kube.baseUrl.replace(/\/$/, '')}/clusters/${encodeURIComponent(cluster.kubeCluster)}`;
    // No kube-emulator configured: an endpoint shaped like EKS's, stable per cluster.
    const id = createHash('md5').update(cluster.arn).digest('hex').toUpperCase();
    return `https://${id}.gr7.${cluster.region}.eks.amazonaws.com`;
  }

  /** base64 of the CA PEM, as certificateAuthority.data carries it */
  caDataOf(): string | undefined {
    return this.kube?.caPem === undefined ? undefined : Buffer.from(this.kube.caPem, 'utf8').toString('base64');
  }

  addAccessEntry(cluster: EksCluster, input: AccessEntryInput): AccessEntry {
    const entry = this.insertAccessEntry(cluster, input);
    this.notify(cluster);
    return entry;
  }

  private insertAccessEntry(cluster: EksCluster, input: AccessEntryInput): AccessEntry {
    if (cluster.accessEntries.has(input.principalArn)) throw new DuplicateAccessEntryError(input.principalArn);
    const now = this.clock.now();
    const entry: AccessEntry = {
      clusterName: cluster.name,
      principalArn: input.principalArn,
      username: input.username ?? defaultUsername(input.principalArn),
      kubernetesGroups: input.kubernetesGroups ?? [],
      type: input.type ?? 'STANDARD',
      accessEntryArn: accessEntryArn(cluster, input.principalArn),
      createdAt: now,
      modifiedAt: now,
      tags: input.tags ?? {},
    };
    cluster.accessEntries.set(entry.principalArn, entry);
    return entry;
  }
}

function key(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

/** EKS's default usernames: the session-templated STS ARN for roles, the ARN for users. */
export function defaultUsername(principalArn: string): string {
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
  if (role) return `arn:aws:sts::${role[1]}:assumed-role/${role[2]}/{{SessionName}}`;
  return principalArn;
}

function accessEntryArn(cluster: EksCluster, principalArn: string): string {
  const match = /^arn:aws:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principalArn);
  const suffix = createHash('sha256').update(`${cluster.arn}|${principalArn}`).digest('hex');
  const id = `${suffix.slice(0, 8)}-${suffix.slice(8, 12)}-${suffix.slice(12, 16)}-${suffix.slice(16, 20)}-${suffix.slice(20, 32)}`;
  const kind = match?.[2] ?? 'role';
  return `arn:aws:eks:${cluster.region}:${cluster.accountId}:access-entry/${cluster.name}/${kind}/${match?.[1] ?? cluster.accountId}/${match?.[3] ?? 'unknown'}/${id}`;
}
