// startKubeEmulator: one HTTP(S) server serving many virtual Kubernetes clusters.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AccessEntry, EksTokenVerifier } from './auth/index.ts';
import { ClusterSet } from './cluster/cluster-set.ts';
import type { VirtualCluster } from './cluster/virtual-cluster.ts';
import { faultHandleFor } from './faults/fault-handle.ts';
import type { FaultHandle } from './faults/fault-handle.ts';
import type { JsonObject } from './json.ts';
import { createLogger } from './logger.ts';
import type { LogLevel } from './logger.ts';
import { builtinType } from './cluster/internal-create.ts';
import { resourceKeyOf } from './resources/registry.ts';
import { metadataOf } from './store/object-meta.ts';
import { TokenAuthority } from './server/authentication.ts';
import type { StaticToken } from './server/authentication.ts';
import { createRequestHandler } from './server/http-server.ts';
import type { AdminOperations } from './server/admin-routes.ts';
import { buildKubeconfig } from './kubeconfig.ts';

export interface KubeEmulatorOptions {
  /** cluster names (DNS-1123 labels); each is served at /clusters/<name> */
  clusters: string[];
  /** 0 (default) picks a free port */
  port?: number;
  host?: string;
  /** HTTPS with a generated CA (default true) */
  tls?: boolean;
  /** write a kubeconfig with one context per cluster here (rewritten when clusters change) */
  kubeconfigPath?: string;
  /** extra static bearer tokens (every cluster also has its own admin token) */
  tokens?: StaticToken[];
  /** verifies `k8s-aws-v1.` tokens; pair with accessEntries */
  eksVerifier?: EksTokenVerifier;
  /** EKS access entries per cluster name */
  accessEntries?: Record<string, AccessEntry[]>;
  logLevel?: LogLevel;
  /** watch history window per cluster, in events (default 1000) */
  historySize?: number;
  /** BOOKMARK interval for watches with allowWatchBookmarks (default 60s) */
  bookmarkIntervalSeconds?: number;
  /** how long a watch without timeoutSeconds stays open (default 1800s) */
  maxWatchSeconds?: number;
  /** seed for derived admin tokens; random by default */
  tokenSecret?: string;
}

/** Direct, read-only access to a cluster's stored objects (for tests). */
export interface ClusterObjects {
  /** `resource` as kubectl spells it: 'configmaps', 'deployments.apps', 'serviceexports.multicluster.x-k8s.io' */
  get(resource: string, namespace: string, name: string): JsonObject | undefined;
  list(resource: string, namespace?: string): JsonObject[];
  resourceVersion(): string;
}

export interface KubeEmulator {
  baseUrl: string;
  clusterUrl(name: string): string;
  /** kubeconfig YAML with one context per cluster (current-context: the first) */
  readonly kubeconfig: string;
  kubeconfigPath: string | undefined;
  adminToken(name: string): string;
  caPem: string | undefined;
  clusterNames(): string[];
  faults(name: string): FaultHandle;
  addCluster(name: string): Promise<void>;
  removeCluster(name: string): Promise<boolean>;
  objects(name: string): ClusterObjects;
  /** issue a service-account token (like `kubectl create token`) */
  serviceAccountToken(cluster: string, namespace: string, serviceAccount: string, expirationSeconds?: number): string;
  setEksVerifier(verifier: EksTokenVerifier | undefined): void;
  setAccessEntries(cluster: string, entries: AccessEntry[]): void;
  stop(): Promise<void>;
}

export class UnknownClusterError extends Error {
  constructor(name: string) {
    super(`unknown cluster "${name}"`);
    this.name = 'UnknownClusterError';
  }
}

function splitResource(resource: string): { group: string; plural: string } {
  const dot = resource.indexOf('.');
  return dot < 0 ? { group: '', plural: resource } : { group: resource.slice(dot + 1), plural: resource.slice(0, dot) };
}

export async function startKubeEmulator(options: KubeEmulatorOptions): Promise<KubeEmulator> {
  const logger = createLogger(options.logLevel ?? 'warn');
  const host = options.host ?? '127.0.0.1';
  const useTls = options.tls ?? true;
  // loaded only for TLS: the X.509 library is the slowest import of the package
  const certs = useTls
    ? await (await import('./tls/index.ts')).generateCertificates([...new Set([host, '127.0.0.1', 'localhost'])])
    : undefined;
  const caPem = certs?.caPem;
  const tokens = new TokenAuthority(
    options.tokenSecret ? Buffer.from(options.tokenSecret) : randomBytes(32),
    options.tokens ?? [],
    options.eksVerifier,
  );
  const clusters = new ClusterSet((name) => ({
    historySize: options.historySize ?? 1000,
    tokenIssuer: (namespace, sa, uid, secretName) =>
      tokens.issueServiceAccountToken(name, namespace, sa, uid, secretName ? { secretName } : {}).token,
    ...(caPem ? { caPem } : {}),
  }));
  for (const name of options.clusters) {
    const cluster = clusters.add(name);
    const entries = options.accessEntries?.[name];
    if (entries) cluster.accessEntries = [...entries];
  }

  const mustGet = (name: string): VirtualCluster => {
    const c = clusters.get(name);
    if (!c) throw new UnknownClusterError(name);
    return c;
  };

  let baseUrl = '';
  const clusterUrl = (name: string): string => `${baseUrl}/clusters/${name}`;
  const kubeconfigYaml = (): string =>
    buildKubeconfig({
      server: clusterUrl,
      // client-node 2.x refuses a plain http:// server unless told to skip TLS verification
      ...(caPem ? { caPem } : { insecure: true }),
      clusters: clusters.names().map((name) => ({ name, token: tokens.adminToken(name) })),
      ...(clusters.names()[0] ? { currentContext: clusters.names()[0] } : {}),
    });
  const writeKubeconfig = async (): Promise<void> => {
    if (options.kubeconfigPath) await writeFile(options.kubeconfigPath, kubeconfigYaml(), { mode: 0o600 });
  };

  const admin: AdminOperations = {
    clusterNames: () => clusters.names(),
    hasCluster: (name) => clusters.get(name) !== undefined,
    addCluster: (name) => {
      clusters.add(name);
      void writeKubeconfig().catch((err: unknown) => logger.error({ err }, 'writing kubeconfig failed'));
      return { name, server: clusterUrl(name), token: tokens.adminToken(name) };
    },
    removeCluster: (name) => {
      const removed = clusters.remove(name);
      void writeKubeconfig().catch((err: unknown) => logger.error({ err }, 'writing kubeconfig failed'));
      return removed;
    },
    faults: (name) => faultHandleFor(mustGet(name)),
    setAccessEntries: (name, entries) => {
      mustGet(name).accessEntries = [...entries];
    },
  };

  const handler = createRequestHandler({
    clusters,
    services: {
      tokens,
      bookmarkIntervalMs: (options.bookmarkIntervalSeconds ?? 60) * 1000,
      maxWatchSeconds: options.maxWatchSeconds ?? 1800,
      caPem,
    },
    logger,
    admin,
  });
  const server: Server = certs
    ? createHttpsServer({ cert: certs.certPem, key: certs.keyPem }, handler)
    : createHttpServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  baseUrl = `${certs ? 'https' : 'http'}://${urlHost}:${address.port}`;
  await writeKubeconfig();
  logger.info({ baseUrl, clusters: clusters.size }, 'kube-emulator listening');

  return {
    baseUrl,
    clusterUrl,
    get kubeconfig() {
      return kubeconfigYaml();
    },
    kubeconfigPath: options.kubeconfigPath,
    adminToken: (name) => {
      mustGet(name);
      return tokens.adminToken(name);
    },
    caPem,
    clusterNames: () => clusters.names(),
    faults: (name) => admin.faults(name),
    addCluster: async (name) => {
      clusters.add(name);
      await writeKubeconfig();
    },
    removeCluster: async (name) => {
      const removed = clusters.remove(name);
      await writeKubeconfig();
      return removed;
    },
    objects: (name) => {
      const cluster = mustGet(name);
      return {
        get: (resource, namespace, objName) => {
          const { group, plural } = splitResource(resource);
          return cluster.state.store.get(resourceKeyOf({ group, plural }), namespace, objName);
        },
        list: (resource, namespace) => {
          const { group, plural } = splitResource(resource);
          return cluster.state.store.list(resourceKeyOf({ group, plural }), namespace);
        },
        resourceVersion: () => String(cluster.state.store.resourceVersion),
      };
    },
    serviceAccountToken: (cluster, namespace, sa, expirationSeconds) => {
      const state = mustGet(cluster).state;
      const account = state.get(builtinType('', 'serviceaccounts'), namespace, sa);
      const uid = account ? (metadataOf(account).uid ?? '') : '';
      return tokens.issueServiceAccountToken(mustGet(cluster).name, namespace, sa, uid, expirationSeconds ? { expirationSeconds } : {}).token;
    },
    setEksVerifier: (verifier) => {
      tokens.eksVerifier = verifier;
    },
    setAccessEntries: (name, entries) => admin.setAccessEntries(name, entries),
    stop: async () => {
      for (const name of clusters.names()) clusters.get(name)?.dropWatches(true);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

