// hub-api with the real hub-controller on the emulated world: a tenant and an EKS cluster
// registered through REST become Ready, and the API shows the controller's conditions.
import { randomUUID } from 'node:crypto';
import { ControllerManager } from '@trellis/hub-controller';
import { kubeConfigFromYaml } from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, demoSeed, startWorld, type World } from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApi, type HubApiInstance } from '../src/index.ts';
import { ADMIN, ADMIN_TOKEN } from './support.ts';

interface View {
  name: string;
  generation: number;
  observedGeneration?: number;
  status: {
    conditions: { type: string; status: string; reason: string; message: string }[];
  } & Record<string, unknown>;
}

let world: World;
let redis: RedisHandle;
let manager: ControllerManager;
let app: HubApiInstance;

beforeAll(async () => {
  world = await startWorld({
    clusters: ['mgmt', ...DEMO.clusters.map((c) => c.name)],
    seed: demoSeed(),
  });
  redis = await getRedis();
  const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
  manager = new ControllerManager({
    settings: {
      hubId: `api-${randomUUID().slice(0, 8)}`,
      region: DEMO.region,
      awsEndpoint: world.aws.endpoint,
      resyncIntervalMs: 2_000,
      pollIntervalMs: 200,
    },
    kubeConfig,
    redis: redisConnectionOptions(redis.url),
    baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
    leaseNamespace: 'default',
    logger: pino({ level: 'silent' }),
  });
  await manager.start(); // installs the CRDs
  app = await createHubApi({
    kubeConfig,
    adminToken: ADMIN_TOKEN,
    logger: pino({ level: 'silent' }),
    registry: new Registry(),
  });
  await app.ready();
  await app.hub.caches.synced();
}, 90_000);

afterAll(async () => {
  await app?.close();
  await manager?.stop();
  await redis?.stop();
  await world?.stop();
});

async function until(url: string, predicate: (view: View) => boolean, what: string): Promise<View> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const response = await app.inject({ method: 'GET', url, headers: ADMIN });
    if (response.statusCode === 200 && predicate(JSON.parse(response.body) as View))
      return JSON.parse(response.body) as View;
    if (Date.now() > deadline)
      throw new Error(`${what} not reached; last answer: ${response.body}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ready = (view: View) =>
  view.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

describe('onboarding through the REST API', () => {
  it('a tenant and an EKS cluster become Ready, with conditions in the API', async () => {
    const tenant = await app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: ADMIN,
      payload: {
        name: 'acme',
        spec: {
          networkAccount: {
            accountId: DEMO.networkAccount,
            roleArn: DEMO.networkRoleArn,
            externalId: DEMO.networkExternalId,
            region: DEMO.region,
          },
        },
      },
    });
    expect(tenant.statusCode).toBe(202);
    // Registered at once, before the tenant controller has made the namespace.
    const cluster = await app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers: ADMIN,
      payload: {
        name: 'blue',
        spec: {
          eks: {
            accountId: DEMO.clusterAccount,
            roleArn: DEMO.clusterRoleArn,
            externalId: DEMO.clusterExternalId,
            clusterName: 'blue',
            region: DEMO.region,
          },
        },
      },
    });
    expect(cluster.statusCode).toBe(202);

    const readyTenant = await until(tenant.headers.location as string, ready, 'tenant Ready');
    expect(readyTenant.observedGeneration).toBe(readyTenant.generation);
    expect(readyTenant.status).toMatchObject({
      namespace: 'tenant-acme',
      serviceNetwork: { name: 'trellis-acme' },
    });

    const readyCluster = await until(cluster.headers.location as string, ready, 'cluster Ready');
    expect(readyCluster.status).toMatchObject({ vpcId: DEMO.vpcs.blue, kubernetesVersion: '1.29' });
  });
});
