// Everything Trellis needs, on this machine: the emulated world, a Redis, the hub's controllers
// and REST API, and a demo tenant onboarded through that API.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ControllerManager } from '@trellis/hub-controller';
import { createHubApi, type HubApiInstance } from '@trellis/hub-api';
import { kubeConfigFromYaml } from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import {
  DEMO,
  demoSeed,
  startDemoApp,
  startWorld,
  type DemoApp,
  type World,
} from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import type { Logger } from 'pino';

export interface Sandbox {
  world: World;
  redis: RedisHandle;
  controller: ControllerManager;
  api: HubApiInstance;
  apiUrl: string;
  adminToken: string;
  kubeconfigPath: string;
  /** the Lattice data plane: an HTTP endpoint that routes by `Host` = a service's DNS name */
  dataPlaneUrl: string;
  /** `shop/inventory`: pods in blue and green answering with their cluster's name */
  app: DemoApp;
  /** root credentials of the tenant's network account, to look at AWS as the tenant does */
  networkAccountKey: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

export const SANDBOX_CLUSTERS = ['mgmt', ...DEMO.clusters.map((c) => c.name)];

export async function startSandbox(options: {
  stateDir: string;
  logger: Logger;
  apiPort?: number;
}): Promise<Sandbox> {
  await mkdir(options.stateDir, { recursive: true });
  const kubeconfigPath = join(options.stateDir, 'kubeconfig');
  const redis = await getRedis();
  const world = await startWorld({
    clusters: SANDBOX_CLUSTERS,
    seed: demoSeed(),
    kubeconfigPath,
    // health checks every 3 s instead of 30 s, so a demo's targets turn healthy while you watch
    dataPlane: { port: 0, healthChecks: { intervalScale: 0.1 } },
  });
  if (world.aws.proxy === undefined) throw new Error('the AWS emulator started no data plane');
  const dataPlaneUrl = world.aws.proxy.url;
  const app = await startDemoApp({
    world,
    clusters: ['blue', 'green'],
    consumers: ['client'],
    replicas: 2,
  });
  const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
  const controller = new ControllerManager({
    settings: {
      hubId: 'sandbox',
      region: DEMO.region,
      awsEndpoint: world.aws.endpoint,
      resyncIntervalMs: 10_000,
      pollIntervalMs: 500,
    },
    kubeConfig,
    redis: redisConnectionOptions(redis.url),
    baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
    leaseNamespace: 'default',
    logger: options.logger.child({ component: 'hub-controller' }),
  });
  await controller.start();
  const adminToken = `trellis-admin-${randomBytes(24).toString('base64url')}`;
  const api = await createHubApi({ kubeConfig, adminToken, logger: options.logger });
  const apiUrl = await api.listen({ host: '127.0.0.1', port: options.apiPort ?? 0 });
  await writeFile(join(options.stateDir, 'admin-token'), `${adminToken}\n`, { mode: 0o600 });

  const networkAccountKey = {
    accessKeyId: 'AKIASANDBOXNETWORK01',
    secretAccessKey: randomBytes(20).toString('hex'),
  };
  world.aws.identity.addAccessKey({ rootOf: DEMO.networkAccount }, networkAccountKey);

  return {
    world,
    redis,
    controller,
    api,
    apiUrl,
    adminToken,
    kubeconfigPath,
    dataPlaneUrl,
    app,
    networkAccountKey,
    stop: async () => {
      await api.close();
      await controller.stop();
      await app.stop();
      await world.stop();
      await redis.stop();
    },
  };
}

/** The demo tenant and its three EKS clusters, as a platform team would send them. */
export function demoRequests(): { tenant: unknown; clusters: unknown[] } {
  return {
    tenant: {
      name: 'acme',
      spec: {
        displayName: 'ACME Corp',
        networkAccount: {
          accountId: DEMO.networkAccount,
          roleArn: DEMO.networkRoleArn,
          externalId: DEMO.networkExternalId,
          region: DEMO.region,
        },
      },
    },
    clusters: DEMO.clusters.map((c) => ({
      name: c.name,
      spec: {
        eks: {
          accountId: DEMO.clusterAccount,
          roleArn: DEMO.clusterRoleArn,
          externalId: DEMO.clusterExternalId,
          clusterName: c.name,
          region: DEMO.region,
        },
      },
    })),
  };
}
