import { ListServiceNetworksCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { Seed } from '@trellis/aws-emulator';
import { kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, demoSeed, startWorld, type World } from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ControllerManager } from '../src/index.ts';
import type { Tenant, WorkloadCluster } from '../src/resources.ts';

export interface Harness {
  world: World;
  redis: RedisHandle;
  mgmt: ResourceClient;
  manager: ControllerManager;
  hubId: string;
  startManager(): Promise<ControllerManager>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** the UpgradeSchedule controller's clock (ControllerManagerOptions.schedulesNow) */
  schedulesNow?: () => Date;
  /** kube-emulator clusters beyond mgmt and the demo's (backing extra EKS clusters) */
  extraClusters?: string[];
  /** the AWS seed; default demoSeed() */
  seed?: Seed;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const world = await startWorld({
    clusters: ['mgmt', ...DEMO.clusters.map((c) => c.name), ...(options.extraClusters ?? [])],
    seed: options.seed ?? demoSeed(),
  });
  const redis = await getRedis();
  const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
  const mgmt = new ResourceClient(kubeConfig, 'test');
  const hubId = `test-${randomUUID().slice(0, 8)}`;
  const managers: ControllerManager[] = [];
  const startManager = async () => {
    const manager = new ControllerManager({
      settings: {
        hubId,
        region: DEMO.region,
        awsEndpoint: world.aws.endpoint,
        resyncIntervalMs: 2_000,
        pollIntervalMs: 200,
      },
      kubeConfig,
      redis: redisConnectionOptions(redis.url),
      baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
      leaseNamespace: 'default',
      backoff: { baseMs: 100, capMs: 1_000 },
      logger: pino({ level: process.env.TRELLIS_TEST_LOG ?? 'silent' }),
      ...(options.schedulesNow ? { schedulesNow: options.schedulesNow } : {}),
    });
    managers.push(manager);
    await manager.start();
    return manager;
  };
  const manager = await startManager();
  return {
    world,
    redis,
    mgmt,
    manager,
    hubId,
    startManager,
    stop: async () => {
      for (const m of managers) await m.stop();
      await redis.stop();
      await world.stop();
    },
  };
}

export function demoTenant(
  name = 'acme',
  overrides: Partial<Tenant['spec']['networkAccount']> = {},
): Tenant {
  return {
    metadata: { name },
    spec: {
      networkAccount: {
        accountId: DEMO.networkAccount,
        roleArn: DEMO.networkRoleArn,
        externalId: DEMO.networkExternalId,
        region: DEMO.region,
        ...overrides,
      },
    },
  };
}

export function demoCluster(tenant: string, name: string): WorkloadCluster {
  return {
    metadata: { name, namespace: `tenant-${tenant}` },
    spec: {
      eks: {
        accountId: DEMO.clusterAccount,
        roleArn: DEMO.clusterRoleArn,
        externalId: DEMO.clusterExternalId,
        clusterName: name,
        region: DEMO.region,
      },
    },
  };
}

/** Credentials of an account's root, for a test to look at AWS as that account does. */
export function rootKeyOf(
  world: World,
  account: string,
): { accessKeyId: string; secretAccessKey: string } {
  const key = {
    accessKeyId: `AKIAROOT${account}`.slice(0, 20),
    secretAccessKey: `root-secret-${account}`,
  };
  try {
    world.aws.identity.addAccessKey({ rootOf: account }, key);
  } catch {
    // already added by an earlier call
  }
  return key;
}

export function latticeAs(world: World, account: string): VPCLatticeClient {
  return new VPCLatticeClient({
    region: DEMO.region,
    endpoint: world.aws.endpoint,
    credentials: rootKeyOf(world, account),
  });
}

export { ListServiceNetworksCommand };

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} not reached in ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function condition(
  object:
    | {
        status?: {
          conditions?: { type: string; status: string; reason: string; message: string }[];
        };
      }
    | undefined,
  type: string,
) {
  return object?.status?.conditions?.find((c) => c.type === type);
}
