// The hub, installed by `helm install` into the kube emulator, runs with exactly the chart's
// RBAC: hub-controller and hub-api authenticate as the chart's ServiceAccounts (their tokens),
// the controller takes its Lease in the release namespace, uses the CRDs the chart installed
// (installCrds off, as the chart configures it), and a tenant onboarded through the REST API
// becomes Ready against the AWS emulator.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEmulator, type AwsEmulator } from '@trellis/aws-emulator';
import { createHubApi, type HubApiInstance } from '@trellis/hub-api';
import { ControllerManager } from '@trellis/hub-controller';
import { kubeConfigForTokenProvider } from '@trellis/kube';
import { startKubeEmulator, type KubeEmulator } from '@trellis/kube-emulator';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, demoSeed } from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmOk, TRELLIS_CHART } from './support/helm.ts';

const NS = 'trellis-system';
const RELEASE = 'hub';
const HUB_ID = 'chart-test';

describe('the hub on the installed chart', { timeout: 180_000 }, () => {
  let dir: string;
  let kube: KubeEmulator;
  let aws: AwsEmulator;
  let redis: RedisHandle;
  let manager: ControllerManager | undefined;
  let api: HubApiInstance | undefined;

  /** a kubeconfig that authenticates as one of the chart's ServiceAccounts */
  const asServiceAccount = (serviceAccount: string) =>
    kubeConfigForTokenProvider({
      name: 'mgmt',
      server: kube.clusterUrl('mgmt'),
      ...(kube.caPem !== undefined ? { caData: Buffer.from(kube.caPem).toString('base64') } : {}),
      tokenProvider: async () => kube.serviceAccountToken('mgmt', NS, serviceAccount),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trellis-hub-on-chart-'));
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    kube = await startKubeEmulator({
      clusters: ['mgmt'],
      kubeconfigPath: kubeconfig,
      logLevel: 'error',
    });
    aws = await startAwsEmulator({ seed: demoSeed() });
    redis = await getRedis();
    await helmOk([
      'install',
      RELEASE,
      TRELLIS_CHART,
      '--namespace',
      NS,
      '--create-namespace',
      '--set',
      `hubId=${HUB_ID},aws.region=${DEMO.region}`,
      '--kubeconfig',
      kubeconfig,
      '--kube-context',
      'mgmt',
    ]);
  });

  afterAll(async () => {
    await api?.close();
    await manager?.stop();
    await redis?.stop();
    await aws?.stop();
    await kube?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leads, serves the API and onboards a tenant with only the chart’s permissions', async () => {
    const logger = pino({ level: process.env.TRELLIS_TEST_LOG ?? 'silent' });
    manager = new ControllerManager({
      settings: {
        hubId: HUB_ID,
        region: DEMO.region,
        awsEndpoint: aws.endpoint,
        resyncIntervalMs: 2_000,
        pollIntervalMs: 200,
      },
      kubeConfig: asServiceAccount(`${RELEASE}-trellis-controller`),
      redis: redisConnectionOptions(redis.url),
      baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
      leaseNamespace: NS,
      installCrds: false,
      backoff: { baseMs: 100, capMs: 1_000 },
      logger,
    });
    await manager.start();
    const secret = kube.objects('mgmt').get('secrets', NS, `${RELEASE}-trellis-admin-token`) as
      { data?: { token?: string } } | undefined;
    const adminToken = Buffer.from(secret?.data?.token ?? '', 'base64').toString();
    expect(adminToken).not.toBe('');
    api = await createHubApi({
      kubeConfig: asServiceAccount(`${RELEASE}-trellis-api`),
      adminToken,
      logger,
    });
    const url = await api.listen({ host: '127.0.0.1', port: 0 });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const created = await call('POST', '/v1/tenants', {
      name: 'acme',
      spec: {
        networkAccount: {
          accountId: DEMO.networkAccount,
          roleArn: DEMO.networkRoleArn,
          externalId: DEMO.networkExternalId,
          region: DEMO.region,
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);

    let ready: unknown;
    for (let i = 0; i < 240 && ready === undefined; i++) {
      const { body } = await call('GET', '/v1/tenants/acme');
      const conditions = (body.status as { conditions?: { type: string; status: string }[] })
        ?.conditions;
      if (conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ready = body;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready, 'tenant acme Ready').toBeDefined();
    expect(manager.isLeader).toBe(true);
    const lease = kube
      .objects('mgmt')
      .get('leases.coordination.k8s.io', NS, `trellis-hub-controller-${HUB_ID}`);
    expect(lease).toBeDefined();
  });
});
