// A world for the multi-cluster service controller tests: the emulators, the hub in-process, the
// tenant `acme` with blue, green and client Ready and a `shop` namespace in each, plus helpers
// that read what the controller did the way a user would (ServiceExport conditions through the
// kube API, Lattice resources through the AWS SDK as the cluster account sees them).
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  CreateListenerCommand,
  CreateServiceCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateTargetGroupCommand,
  GetListenerCommand,
  GetServiceCommand,
  ListListenersCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
  RegisterTargetsCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import {
  MULTI_CLUSTER_SERVICE_RESOURCE,
  multiClusterServiceName,
  type MultiClusterServiceObject,
} from '@trellis/core';
import {
  CoreResources,
  kubeConfigFromYaml,
  ResourceClient,
  ServiceExports,
  ServiceImports,
} from '@trellis/kube';
import { DEMO } from '@trellis/testbed';
import { expect } from 'vitest';
import { TENANTS, WORKLOAD_CLUSTERS, type Tenant, type WorkloadCluster } from '../src/index.ts';
import {
  condition,
  demoCluster,
  demoTenant,
  latticeAs,
  startHarness,
  waitFor,
  type Harness,
  type HarnessOptions,
} from './support.ts';

export const TENANT = 'acme';
export const NAMESPACE = 'shop';
export const MEMBERS = DEMO.clusters.map((c) => c.name);

export type ExportCondition = { type: string; status: string; reason: string; message: string };
export type ServiceExportObject = KubernetesObject & {
  status?: { conditions?: ExportCondition[] };
};
export type ServiceImportObject = KubernetesObject & {
  spec?: {
    type?: string;
    ports?: { name?: string; port: number; protocol: string }[];
    sessionAffinity?: string;
  };
  status?: { clusters?: { cluster: string }[] };
};
export type ReadModel = MultiClusterServiceObject & KubernetesObject;

export interface McsWorld {
  h: Harness;
  /** a client per member cluster, by cluster name */
  member: Record<string, ResourceClient>;
  /** Lattice as the clusters' account (where the services and target groups live) */
  lattice: VPCLatticeClient;
  serviceNetworkArn: string;
  /** stop the in-process hub (Lease released), to act while it is down */
  stopHub(): Promise<void>;
  startHub(): Promise<void>;
  stop(): Promise<void>;
}

export async function clusterReady(h: Harness, name: string, tenant = TENANT) {
  return waitFor(
    async () => {
      const wc = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
        name,
        namespace: `tenant-${tenant}`,
      });
      return condition(wc, 'Ready')?.status === 'True' ? wc : undefined;
    },
    60_000,
    `cluster ${name} Ready`,
  );
}

/** A client for member cluster `name` (its kube-emulator cluster), with the shop namespace. */
export async function addMember(w: McsWorld, name: string): Promise<ResourceClient> {
  const client = new ResourceClient(kubeConfigFromYaml(w.h.world.kube.kubeconfig, name), 'test');
  await client.create(CoreResources.namespaces, { metadata: { name: NAMESPACE } });
  w.member[name] = client;
  return client;
}

/** The harness, the tenant onboarded with `clusters` (default: the demo's three). */
export async function startMcsWorld(
  options: HarnessOptions & { clusters?: readonly string[] } = {},
): Promise<McsWorld> {
  const h = await startHarness(options);
  const clusters = options.clusters ?? MEMBERS;
  await h.mgmt.create(TENANTS, demoTenant(TENANT));
  const tenant = await waitFor(
    async () => {
      const t = await h.mgmt.get<Tenant>(TENANTS, { name: TENANT });
      return condition(t, 'Ready')?.status === 'True' ? t : undefined;
    },
    30_000,
    'tenant Ready',
  );
  for (const name of clusters) await h.mgmt.create(WORKLOAD_CLUSTERS, demoCluster(TENANT, name));
  for (const name of clusters) await clusterReady(h, name);
  const member: Record<string, ResourceClient> = {};
  for (const name of MEMBERS) {
    member[name] = new ResourceClient(kubeConfigFromYaml(h.world.kube.kubeconfig, name), 'test');
    await member[name].create(CoreResources.namespaces, { metadata: { name: NAMESPACE } });
  }
  const serviceNetworkArn = tenant.status?.serviceNetwork?.arn;
  if (serviceNetworkArn === undefined) throw new Error('tenant Ready without a service network');
  let running = true;
  return {
    h,
    member,
    lattice: latticeAs(h.world, DEMO.clusterAccount),
    serviceNetworkArn,
    stopHub: async () => {
      if (!running) return;
      await h.manager.stop();
      running = false;
    },
    startHub: async () => {
      h.manager = await h.startManager();
      running = true;
    },
    stop: () => h.stop(),
  };
}

export interface ServicePort {
  name?: string;
  port: number;
  /** the container port the endpoints listen on; default: port */
  targetPort?: number;
  protocol?: 'TCP' | 'UDP';
  appProtocol?: string;
}

export interface ServeOptions {
  ports: ServicePort[];
  /** endpoint IPs (all ready), default one */
  ips?: string[];
  headless?: boolean;
  annotations?: Record<string, string>;
}

/** A Service `name` in the shop namespace, with one EndpointSlice of ready endpoints. */
export async function serve(
  client: ResourceClient,
  name: string,
  options: ServeOptions,
): Promise<void> {
  await client.create(CoreResources.services, {
    metadata: {
      name,
      namespace: NAMESPACE,
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec: {
      ...(options.headless ? { clusterIP: 'None' } : {}),
      ports: options.ports.map((p) => ({
        ...(p.name !== undefined ? { name: p.name } : {}),
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? 'TCP',
        ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
      })),
    },
  } as KubernetesObject);
  await client.create(CoreResources.endpointSlices, {
    metadata: {
      name: `${name}-slice`,
      namespace: NAMESPACE,
      labels: { 'kubernetes.io/service-name': name },
    },
    addressType: 'IPv4',
    endpoints: (options.ips ?? ['10.0.0.1']).map((ip) => ({
      addresses: [ip],
      conditions: { ready: true },
    })),
    ports: options.ports.map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      port: p.targetPort ?? p.port,
      protocol: p.protocol ?? 'TCP',
    })),
  } as KubernetesObject);
}

export async function exportService(
  client: ResourceClient,
  name: string,
  annotations?: Record<string, string>,
): Promise<ServiceExportObject> {
  return client.create<ServiceExportObject>(ServiceExports, {
    metadata: { name, namespace: NAMESPACE, ...(annotations ? { annotations } : {}) },
  });
}

export const exportOf = (client: ResourceClient, name: string) =>
  client.get<ServiceExportObject>(ServiceExports, { name, namespace: NAMESPACE });

export const importOf = (client: ResourceClient, name: string) =>
  client.get<ServiceImportObject>(ServiceImports, { name, namespace: NAMESPACE });

export function readModelOf(h: Harness, name: string): Promise<ReadModel | undefined> {
  return h.mgmt.get<ReadModel>(MULTI_CLUSTER_SERVICE_RESOURCE, {
    name: multiClusterServiceName(NAMESPACE, name),
    namespace: `tenant-${TENANT}`,
  });
}

/** Wait until the export's conditions match `wanted` (type → [status, reason?]). */
export async function waitForConditions(
  client: ResourceClient,
  name: string,
  wanted: Record<string, [string, string?]>,
  what: string,
  timeoutMs = 20_000,
): Promise<ServiceExportObject> {
  return waitFor(
    async () => {
      const se = await exportOf(client, name);
      for (const [type, [status, reason]] of Object.entries(wanted)) {
        const c = condition(se, type);
        if (c?.status !== status || (reason !== undefined && c.reason !== reason)) return undefined;
      }
      return se;
    },
    timeoutMs,
    what,
  );
}

// ---- Lattice, as the cluster account sees it ----

export async function latticeServiceNamed(lattice: VPCLatticeClient, name: string) {
  const items = (await lattice.send(new ListServicesCommand({}))).items ?? [];
  return items.find((s) => s.name === name);
}

export async function targetGroupsByName(lattice: VPCLatticeClient) {
  const items = (await lattice.send(new ListTargetGroupsCommand({}))).items ?? [];
  return new Map(items.map((tg) => [tg.name ?? '', tg]));
}

/** `ip:port` of every target registered in the group called `name` (undefined: no such group). */
export async function targetsOf(
  lattice: VPCLatticeClient,
  name: string,
): Promise<string[] | undefined> {
  const group = (await targetGroupsByName(lattice)).get(name);
  if (group?.id === undefined) return undefined;
  const out = await lattice.send(new ListTargetsCommand({ targetGroupIdentifier: group.id }));
  return (out.items ?? []).map((t) => `${t.id}:${t.port}`).sort();
}

/**
 * Every listener of the Lattice service called `serviceName`, with its forward action as
 * target group name → weight; undefined when there is no such service.
 */
export async function forwardsOf(
  lattice: VPCLatticeClient,
  serviceName: string,
): Promise<Record<string, Record<string, number>> | undefined> {
  const service = await latticeServiceNamed(lattice, serviceName);
  if (service?.id === undefined) return undefined;
  const names = new Map(
    [...(await targetGroupsByName(lattice)).values()].map((tg) => [tg.id, tg.name]),
  );
  const listeners =
    (await lattice.send(new ListListenersCommand({ serviceIdentifier: service.id }))).items ?? [];
  const out: Record<string, Record<string, number>> = {};
  for (const l of listeners) {
    const got = await lattice.send(
      new GetListenerCommand({ serviceIdentifier: service.id, listenerIdentifier: l.id }),
    );
    const forward = got.defaultAction?.forward?.targetGroups ?? [];
    out[l.name ?? ''] = Object.fromEntries(
      forward.map((g) => [
        names.get(g.targetGroupIdentifier) ?? g.targetGroupIdentifier ?? '',
        g.weight ?? -1,
      ]),
    );
  }
  return out;
}

/** The service network associations of the service called `serviceName` (ACTIVE or not). */
export async function associationsOf(lattice: VPCLatticeClient, serviceName: string) {
  const service = await latticeServiceNamed(lattice, serviceName);
  if (service?.id === undefined) return [];
  return (
    (
      await lattice.send(
        new ListServiceNetworkServiceAssociationsCommand({ serviceIdentifier: service.id }),
      )
    ).items ?? []
  ).filter((a) => a.status !== 'DELETE_IN_PROGRESS');
}

// ---- resources made by hand, without Trellis's tags: they must survive everything ----

export interface ForeignResources {
  serviceName: string;
  targetGroupName: string;
  serviceArn: string;
}

/**
 * A Lattice service (associated with the tenant's service network, with a listener) and a
 * target group with a target in blue's VPC, made by hand with someone else's tags.
 */
export async function plantForeignResources(
  world: McsWorld,
  prefix: string,
): Promise<ForeignResources> {
  const { lattice } = world;
  const tags = { owner: 'someone-else' };
  const tg = await lattice.send(
    new CreateTargetGroupCommand({
      name: `${prefix}-tg`,
      type: 'IP',
      config: { port: 80, protocol: 'HTTP', vpcIdentifier: DEMO.vpcs.blue },
      tags,
    }),
  );
  await lattice.send(
    new RegisterTargetsCommand({
      targetGroupIdentifier: tg.id,
      targets: [{ id: '10.99.0.1', port: 80 }],
    }),
  );
  const service = await lattice.send(new CreateServiceCommand({ name: `${prefix}-svc`, tags }));
  await lattice.send(
    new CreateListenerCommand({
      serviceIdentifier: service.id,
      name: 'http-80',
      protocol: 'HTTP',
      port: 80,
      defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.id, weight: 1 }] } },
      tags,
    }),
  );
  await lattice.send(
    new CreateServiceNetworkServiceAssociationCommand({
      serviceIdentifier: service.id,
      serviceNetworkIdentifier: world.serviceNetworkArn,
      tags,
    }),
  );
  return {
    serviceName: `${prefix}-svc`,
    targetGroupName: `${prefix}-tg`,
    serviceArn: service.arn!,
  };
}

/** The foreign service, its listener, association, target group and target are all still there. */
export async function expectForeignIntact(world: McsWorld, foreign: ForeignResources) {
  const { lattice } = world;
  const service = await latticeServiceNamed(lattice, foreign.serviceName);
  expect(service, `${foreign.serviceName} still exists`).toBeDefined();
  expect((await lattice.send(new GetServiceCommand({ serviceIdentifier: service!.id }))).name).toBe(
    foreign.serviceName,
  );
  expect(await forwardsOf(lattice, foreign.serviceName)).toEqual({
    'http-80': { [foreign.targetGroupName]: 1 },
  });
  expect(
    (await associationsOf(lattice, foreign.serviceName)).map((a) => a.serviceNetworkArn),
  ).toEqual([world.serviceNetworkArn]);
  expect(await targetsOf(lattice, foreign.targetGroupName)).toEqual(['10.99.0.1:80']);
  const tags = await lattice.send(new ListTagsForResourceCommand({ resourceArn: service!.arn }));
  expect(tags.tags).toEqual({ owner: 'someone-else' });
}

/** Mutating AWS calls the hub made since `since` (ISO), by operation. */
export function mutatingCallsSince(world: McsWorld, since: string): string[] {
  return world.h.world.aws.calls.mutating({ since }).map((c) => c.operation ?? '?');
}
