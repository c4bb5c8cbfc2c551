// A fresh management cluster (in-process kube-emulator with the Trellis CRDs) and a hub-api on
// it, with every log line captured so tests can assert what never appears in logs.
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { TRELLIS_CRDS } from '@trellis/core';
import { CoreResources, kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
import { startKubeEmulator, type KubeEmulator } from '@trellis/kube-emulator';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createHubApi, type HubApiInstance, type HubApiOptions } from '../src/index.ts';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
export const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };

export interface Harness {
  kube: KubeEmulator;
  mgmt: ResourceClient;
  app: HubApiInstance;
  logs: string[];
  stop(): Promise<void>;
}

/** `extra`: further hub-api options (e.g. the queue board's Redis). */
export async function startHarness(
  extra: Partial<Pick<HubApiOptions, 'queueBoard'>> = {},
): Promise<Harness> {
  const kube = await startKubeEmulator({ clusters: ['mgmt'], logLevel: 'silent' });
  const kubeConfig = kubeConfigFromYaml(kube.kubeconfig, 'mgmt');
  const mgmt = new ResourceClient(kubeConfig, 'test');
  for (const crd of TRELLIS_CRDS) await mgmt.create(CoreResources.customResourceDefinitions, crd);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  const app = await createHubApi({
    kubeConfig,
    adminToken: ADMIN_TOKEN,
    logger: pino({ level: 'debug' }, sink),
    registry: new Registry(),
    ...extra,
  });
  await app.ready();
  await app.hub.caches.synced();
  return {
    kube,
    mgmt,
    app,
    logs,
    stop: async () => {
      await app.close();
      await kube.stop();
    },
  };
}

export const DEMO = {
  region: 'us-west-2',
  networkAccount: '222222222222',
  networkRoleArn: 'arn:aws:iam::222222222222:role/TrellisNetworkAdmin',
  networkExternalId: 'acme-network-4f7c1e',
  clusterAccount: '333333333333',
  clusterRoleArn: 'arn:aws:iam::333333333333:role/TrellisClusterAdmin',
  clusterExternalId: 'acme-clusters-9b2d6a',
} as const;

export function tenantBody(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
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

export function eksClusterBody(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    spec: {
      eks: {
        accountId: DEMO.clusterAccount,
        roleArn: DEMO.clusterRoleArn,
        externalId: DEMO.clusterExternalId,
        clusterName: name,
        region: DEMO.region,
        ...overrides,
      },
    },
  };
}

export const SAMPLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: edge
  cluster:
    server: https://edge.example.test:6443
    insecure-skip-tls-verify: true
users:
- name: edge-admin
  user:
    token: super-secret-kubeconfig-token-7f3a9c
contexts:
- name: edge
  context: { cluster: edge, user: edge-admin }
current-context: edge
`;

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

export async function createTenant(h: Harness, name: string): Promise<LightMyRequestResponse> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/v1/tenants',
    headers: ADMIN,
    payload: tenantBody(name),
  });
  if (response.statusCode !== 202)
    throw new Error(`creating tenant ${name}: ${response.statusCode} ${response.body}`);
  return response;
}

export async function mintToken(h: Harness, tenant: string, name = 'ci'): Promise<string> {
  const response = await h.app.inject({
    method: 'POST',
    url: `/v1/tenants/${tenant}/tokens`,
    headers: ADMIN,
    payload: { name },
  });
  if (response.statusCode !== 201)
    throw new Error(`minting token: ${response.statusCode} ${response.body}`);
  return json<{ token: string }>(response).token;
}
