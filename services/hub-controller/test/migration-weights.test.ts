// The split the multi-cluster service planner asks the migration controller for, while a new
// leader starts: the ClusterMigration informer has not listed yet (or its first list failed), so
// its empty cache says nothing. Trusting it would plan the export weights (an equal split) in the
// middle of a migration; the API server must be asked instead.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  TRELLIS_CRDS,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
} from '@trellis/core';
import { CoreResources, kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, demoSeed, startWorld, type World } from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllerManager } from '../src/index.ts';
import { CLUSTER_MIGRATIONS } from '../src/migrations/migration-resources.ts';

type Migration = KubernetesObject & { spec: ClusterMigrationSpec; status?: ClusterMigrationStatus };

describe('migration weights before the ClusterMigration informer has listed', () => {
  let world: World;
  let redis: RedisHandle;
  let manager: ControllerManager;

  beforeAll(async () => {
    world = await startWorld({ clusters: ['mgmt'], seed: demoSeed() });
    redis = await getRedis();
    const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
    const mgmt = new ResourceClient(kubeConfig, 'test');
    for (const crd of TRELLIS_CRDS) await mgmt.apply(CoreResources.customResourceDefinitions, crd);
    await mgmt.apply(CoreResources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'tenant-acme' },
    });
    const created = await mgmt.create<Migration>(CLUSTER_MIGRATIONS, {
      metadata: { name: 'to-green', namespace: 'tenant-acme' },
      spec: {
        fromCluster: 'blue',
        toCluster: 'green',
        services: { list: [{ namespace: 'shop', name: 'inventory' }] },
        steps: [
          { weightPercent: 10, pauseSeconds: 60 },
          { weightPercent: 100, pauseSeconds: 0 },
        ],
      },
    });
    const at = new Date().toISOString();
    // step 0 intended (the previous leader died before it saw the write succeed)
    await mgmt.updateStatus(CLUSTER_MIGRATIONS, {
      ...created,
      status: {
        phase: 'Progressing',
        currentStep: 0,
        services: [{ namespace: 'shop', name: 'inventory' }],
        pendingWrite: { kind: 'Step', step: 0, weightPercent: 10, jobId: 'step-0', intendedAt: at },
        stepStates: [
          { index: 0, weightPercent: 10, intendedAt: at },
          { index: 1, weightPercent: 100 },
        ],
      },
    });
    // constructed, not started: its informers have not listed anything
    manager = new ControllerManager({
      settings: {
        hubId: 'weights-test',
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
  }, 60_000);

  afterAll(async () => {
    await manager?.stop();
    await redis?.stop();
    await world?.stop();
  });

  it("plans the migration's intended split, not the export weights", async () => {
    expect(manager.migrationController.migrations.hasSynced).toBe(false);
    expect(
      await manager.migrationController.weightsFor({
        tenant: 'acme',
        namespace: 'shop',
        name: 'inventory',
      }),
    ).toEqual({ blue: 90, green: 10 });
    // a service no migration holds keeps the export weights
    expect(
      await manager.migrationController.weightsFor({
        tenant: 'acme',
        namespace: 'shop',
        name: 'catalog',
      }),
    ).toBeUndefined();
  });
});
