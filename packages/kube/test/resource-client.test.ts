import type { KubernetesObject } from '@kubernetes/client-node';
import { TENANT_CRD } from '@trellis/core';
import type { KubeEmulator } from '@trellis/kube-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CoreResources,
  ensureFinalizer,
  isConflict,
  isNotFound,
  kubeConfigForTokenProvider,
  KubeconfigError,
  kubeConfigFromYaml,
  removeFinalizer,
  ResourceClient,
  type ResourceRef,
} from '../src/index.ts';
import { kubeConfigOf, startEmulator, waitFor } from './support.ts';

const tenants: ResourceRef = {
  group: 'trellis.dev',
  version: 'v1alpha1',
  plural: 'tenants',
  kind: 'Tenant',
  namespaced: false,
};

interface Tenant extends KubernetesObject {
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

const tenant = (name: string): Tenant => ({
  metadata: { name },
  spec: {
    networkAccount: {
      accountId: '111122223333',
      roleArn: 'arn:aws:iam::111122223333:role/trellis-network',
      region: 'us-west-2',
    },
  },
});

describe('ResourceClient on the kube emulator', () => {
  let kube: KubeEmulator;
  let client: ResourceClient;

  beforeAll(async () => {
    kube = await startEmulator(['mgmt']);
    client = new ResourceClient(kubeConfigOf(kube, 'mgmt'));
    await client.create(CoreResources.customResourceDefinitions, TENANT_CRD);
    await waitFor(async () => {
      const crd = await client.get<
        KubernetesObject & { status?: { conditions?: { type: string; status: string }[] } }
      >(CoreResources.customResourceDefinitions, { name: 'tenants.trellis.dev' });
      return (
        crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ??
        false
      );
    });
  });
  afterAll(async () => {
    await kube.stop();
  });

  it('creates, reads and server-side applies a Trellis CR generated from the core schema', async () => {
    await client.create(tenants, tenant('acme'));
    const read = await client.get<Tenant>(tenants, { name: 'acme' });
    expect(read?.spec).toMatchObject({ networkAccount: { accountId: '111122223333' } });
    // the CRD default from the TypeBox schema is applied by the API server
    const applied = await client.apply<Tenant>(tenants, {
      ...tenant('acme'),
      spec: { ...tenant('acme').spec, serviceNetwork: { authType: 'AWS_IAM' } },
    });
    expect(applied.spec).toMatchObject({ serviceNetwork: { authType: 'AWS_IAM' } });
    expect(applied.metadata?.generation).toBe(2);
  });

  it('returns undefined only for 404, and throws for server errors', async () => {
    expect(await client.get(tenants, { name: 'nobody' })).toBeUndefined();
    kube.faults('mgmt').failNext(1, 500);
    const failure = client.get(tenants, { name: 'nobody' });
    await expect(failure).rejects.toMatchObject({ statusCode: 500 });
    await expect(failure).rejects.toSatisfy((e: unknown) => !isNotFound(e));
  });

  it('patches status through the status subresource without touching spec or generation', async () => {
    await client.create(tenants, tenant('globex'));
    const patched = await client.mergePatch<Tenant>(
      tenants,
      { name: 'globex' },
      { status: { namespace: 'tenant-globex' }, spec: { displayName: 'ignored on /status' } },
      'status',
    );
    expect(patched.status).toEqual({ namespace: 'tenant-globex' });
    expect(patched.spec.displayName).toBeUndefined();
    expect(patched.metadata?.generation).toBe(1);
  });

  it('adds and removes finalizers with optimistic concurrency', async () => {
    const created = await client.create(tenants, tenant('initech'));
    const withFinalizer = await ensureFinalizer(client, tenants, created, 'trellis.dev/cleanup');
    expect(withFinalizer.metadata?.finalizers).toEqual(['trellis.dev/cleanup']);
    // a stale copy cannot overwrite the list
    await expect(ensureFinalizer(client, tenants, created, 'other/finalizer')).rejects.toSatisfy(
      isConflict,
    );
    await client.delete(tenants, { name: 'initech' });
    const terminating = await client.get<Tenant>(tenants, { name: 'initech' });
    expect(terminating?.metadata?.deletionTimestamp).toBeDefined();
    await removeFinalizer(client, tenants, terminating!, 'trellis.dev/cleanup');
    expect(await client.get(tenants, { name: 'initech' })).toBeUndefined();
    expect(await client.delete(tenants, { name: 'initech' })).toBe(false);
  });

  it('authenticates with a token provider on every request', async () => {
    const server = kube.clusterUrl('mgmt');
    let calls = 0;
    const kc = kubeConfigForTokenProvider({
      name: 'mgmt',
      server,
      caData: Buffer.from(kube.caPem ?? '').toString('base64'),
      tokenProvider: async () => {
        calls += 1;
        return kube.adminToken('mgmt');
      },
    });
    const viaToken = new ResourceClient(kc);
    expect(await viaToken.get(CoreResources.namespaces, { name: 'default' })).toBeDefined();
    expect(await viaToken.get(CoreResources.namespaces, { name: 'kube-system' })).toBeDefined();
    expect(calls).toBe(2);
    const denied = new ResourceClient(
      kubeConfigForTokenProvider({
        name: 'mgmt',
        server,
        caData: Buffer.from(kube.caPem ?? '').toString('base64'),
        tokenProvider: async () => 'wrong',
      }),
    );
    await expect(denied.get(CoreResources.namespaces, { name: 'default' })).rejects.toMatchObject({
      statusCode: 401,
    });
  });

  it('rejects unusable kubeconfigs without echoing them', () => {
    expect(() => kubeConfigFromYaml('not: [valid')).toThrow(KubeconfigError);
    expect(() => kubeConfigFromYaml(kube.kubeconfig, 'nope')).toThrow(/no context named "nope"/);
  });
});
