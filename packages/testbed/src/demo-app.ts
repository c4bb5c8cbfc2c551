// A demo application for the emulated world: in each cluster, "pods" (small HTTP servers on
// loopback addresses of their own) answering with their cluster's name, a Service and an
// EndpointSlice for them, and a ServiceExport when asked. What the sandbox and the end-to-end
// tests export, migrate and sample through the Lattice data plane.
import { createServer, request, type Server } from 'node:http';
import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreResources, kubeConfigFromYaml, ResourceClient, ServiceExports } from '@trellis/kube';
import type { World } from './world.ts';

export interface DemoAppOptions {
  world: World;
  /** clusters that run the app, e.g. ['blue', 'green'] */
  clusters: string[];
  /**
   * clusters that only consume it: they get the namespace, so Trellis imports the service there
   * (MCS namespace sameness: no namespace, no ServiceImport)
   */
  consumers?: string[];
  namespace?: string;
  name?: string;
  /** pods per cluster (default 2) */
  replicas?: number;
  /** the Service port (default 80) */
  port?: number;
}

export interface DemoApp {
  namespace: string;
  name: string;
  port: number;
  /** what a pod of `cluster` answers: `<cluster>` (the body) */
  answerOf(cluster: string): string;
  /** make every pod of a cluster answer this status (500: failing; 200: healthy again) */
  setStatus(cluster: string, status: number): void;
  /** create the ServiceExport in a cluster (idempotent) */
  exportFrom(cluster: string): Promise<void>;
  /** delete the ServiceExport in a cluster */
  unexportFrom(cluster: string): Promise<void>;
  stop(): Promise<void>;
}

interface Pod {
  server: Server;
  address: string;
}

/** 127.0.<n>.<replica + 10>: every cluster's pods get addresses of their own. */
function podAddress(clusterIndex: number, replica: number): string {
  return `127.0.${clusterIndex + 1}.${replica + 10}`;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Start the pods of every cluster on one target port (as a Deployment's pods share their
 * containerPort), and write the Service and EndpointSlice in each cluster.
 */
export async function startDemoApp(options: DemoAppOptions): Promise<DemoApp> {
  const namespace = options.namespace ?? 'shop';
  const name = options.name ?? 'inventory';
  const replicas = options.replicas ?? 2;
  const port = options.port ?? 80;
  const status = new Map<string, number>(options.clusters.map((c) => [c, 200]));
  const pods = new Map<string, Pod[]>();
  const handler = (cluster: string) =>
    createServer((_req, res) => {
      res.statusCode = status.get(cluster) ?? 200;
      res.setHeader('content-type', 'text/plain');
      res.end(cluster);
    });

  // one free port for all pods: take it on the first address, then bind the others to it
  let targetPort = 0;
  for (let attempt = 0; ; attempt++) {
    const started: Pod[] = [];
    try {
      for (const [i, cluster] of options.clusters.entries()) {
        const own: Pod[] = [];
        for (let r = 0; r < replicas; r++) {
          const server = handler(cluster);
          const address = podAddress(i, r);
          targetPort = await listen(server, address, targetPort);
          const pod = { server, address };
          own.push(pod);
          started.push(pod);
        }
        pods.set(cluster, own);
      }
      break;
    } catch (error) {
      for (const pod of started) pod.server.close();
      targetPort = 0;
      if (attempt >= 5) throw error;
    }
  }

  for (const consumer of options.consumers ?? []) {
    const client = new ResourceClient(
      kubeConfigFromYaml(options.world.kube.kubeconfig, consumer),
      'demo-app',
    );
    await client.apply(CoreResources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
  }
  const clients = new Map(
    options.clusters.map((c) => [
      c,
      new ResourceClient(kubeConfigFromYaml(options.world.kube.kubeconfig, c), 'demo-app'),
    ]),
  );
  for (const [cluster, client] of clients) {
    await client.apply(CoreResources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    await client.apply(CoreResources.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels: { app: name } },
      spec: {
        selector: { app: name },
        ports: [{ name: 'http', port, targetPort, protocol: 'TCP' }],
      },
    } as KubernetesObject);
    await client.apply(CoreResources.endpointSlices, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${name}-demo`,
        namespace,
        labels: { 'kubernetes.io/service-name': name },
      },
      addressType: 'IPv4',
      endpoints: (pods.get(cluster) ?? []).map((pod) => ({
        addresses: [pod.address],
        conditions: { ready: true, serving: true, terminating: false },
      })),
      ports: [{ name: 'http', port: targetPort, protocol: 'TCP' }],
    } as KubernetesObject);
  }

  const clientOf = (cluster: string): ResourceClient => {
    const client = clients.get(cluster);
    if (client === undefined) throw new Error(`the demo app does not run in ${cluster}`);
    return client;
  };
  return {
    namespace,
    name,
    port,
    answerOf: (cluster) => cluster,
    setStatus: (cluster, code) => {
      clientOf(cluster);
      status.set(cluster, code);
    },
    exportFrom: async (cluster) => {
      await clientOf(cluster).apply(ServiceExports, {
        apiVersion: 'multicluster.x-k8s.io/v1alpha1',
        kind: 'ServiceExport',
        metadata: { name, namespace },
      });
    },
    unexportFrom: async (cluster) => {
      await clientOf(cluster).delete(ServiceExports, { name, namespace });
    },
    stop: async () => {
      for (const own of pods.values())
        await Promise.all(
          own.map((pod) => new Promise<void>((resolve) => pod.server.close(() => resolve()))),
        );
    },
  };
}

/**
 * Send `count` GETs through the Lattice data plane (`Host` = the service's DNS name) and count the answers by body; failures count under `HTTP <status>` or `error`.
 */
export async function sampleThroughLattice(
  proxyUrl: string,
  dnsName: string,
  count: number,
): Promise<Record<string, number>> {
  const proxy = new URL(proxyUrl);
  const counts: Record<string, number> = {};
  const once = () =>
    new Promise<string>((resolve) => {
      const req = request(
        {
          host: proxy.hostname,
          port: proxy.port,
          path: '/',
          headers: { host: dnsName },
          agent: false,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(res.statusCode === 200 ? body : `HTTP ${res.statusCode}`));
        },
      );
      req.on('error', () => resolve('error'));
      req.end();
    });
  for (let i = 0; i < count; i++) {
    const answer = await once();
    counts[answer] = (counts[answer] ?? 0) + 1;
  }
  return counts;
}
