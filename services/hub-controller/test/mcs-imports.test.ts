// What importing clusters and Lattice get from export settings, on the emulators: per-export
// weights (trellis.dev/weight) become the listener's forward weights, the opt-in ExternalName
// Service `<name>-clusterset` points at the Lattice DNS name only where the namespace asks for
// it, and a headless Service is imported as Headless.
import {
  externalNameServiceName,
  latticeServiceName,
  listenerName,
  MCS_ANNOTATIONS,
  MCS_LABELS,
  SERVICE_IMPORT_ANNOTATIONS,
  targetGroupName,
} from '@trellis/core';
import { CoreResources, ServiceExports, ServiceImports } from '@trellis/kube';
import type { V1Service } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { condition, waitFor } from './support.ts';
import {
  exportOf,
  exportService,
  forwardsOf,
  importOf,
  NAMESPACE,
  readModelOf,
  serve,
  startMcsWorld,
  waitForConditions,
  type McsWorld,
} from './mcs-support.ts';

const HTTP = listenerName('http', 80);
const tg = (cluster: string, name: string) => targetGroupName(cluster, NAMESPACE, name, 80);
const svc = (name: string) => latticeServiceName(NAMESPACE, name);

describe('multi-cluster services: weights, ExternalName opt-in, headless', () => {
  let w: McsWorld;

  beforeAll(async () => {
    w = await startMcsWorld();
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });

  const forwardIs = (name: string, wanted: Record<string, number>, what: string) =>
    waitFor(
      async () => {
        const f = await forwardsOf(w.lattice, svc(name));
        return JSON.stringify(f) === JSON.stringify({ [HTTP]: wanted }) ? f : undefined;
      },
      20_000,
      what,
    );
  const annotateExport = (
    cluster: string,
    name: string,
    annotations: Record<string, string | null>,
  ) =>
    w.member[cluster].mergePatch(
      ServiceExports,
      { name, namespace: NAMESPACE },
      { metadata: { annotations } },
    );

  it('turns each export’s weight annotation into its listener forward weight', async () => {
    await serve(w.member.blue, 'cart', { ports: [{ name: 'http', port: 80 }], ips: ['10.1.0.1'] });
    // on the Service: the ServiceExport's own value (70) wins over it
    await serve(w.member.green, 'cart', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.2.0.1'],
      annotations: { [MCS_ANNOTATIONS.weight]: '50' },
    });
    await exportService(w.member.blue, 'cart', { [MCS_ANNOTATIONS.weight]: '30' });
    await exportService(w.member.green, 'cart', { [MCS_ANNOTATIONS.weight]: '70' });
    await forwardIs('cart', { [tg('blue', 'cart')]: 30, [tg('green', 'cart')]: 70 }, '30/70');
    const blue = await waitForConditions(w.member.blue, 'cart', { Ready: ['True'] }, 'blue Ready');
    expect(condition(blue, 'Ready')?.message).toMatch(/with weight 30$/);
    const model = await waitFor(
      async () => {
        const m = await readModelOf(w.h, 'cart');
        return m?.status?.clusters?.length === 2 ? m : undefined;
      },
      20_000,
      'read model with both clusters',
    );
    expect(model.status?.clusters?.map((c) => [c.name, c.weight])).toEqual([
      ['blue', 30],
      ['green', 70],
    ]);
  }, 60_000);

  it('follows a weight change, and weight 0 drains a cluster without unexporting it', async () => {
    await annotateExport('green', 'cart', { [MCS_ANNOTATIONS.weight]: null }); // the Service's 50
    await forwardIs('cart', { [tg('blue', 'cart')]: 30, [tg('green', 'cart')]: 50 }, '30/50');
    await annotateExport('blue', 'cart', { [MCS_ANNOTATIONS.weight]: '0' });
    await forwardIs('cart', { [tg('blue', 'cart')]: 0, [tg('green', 'cart')]: 50 }, '0/50');
    const blue = await waitFor(
      async () => {
        const se = await exportOf(w.member.blue, 'cart');
        return /weight 0 \(drained/.test(condition(se, 'Ready')?.message ?? '') ? se : undefined;
      },
      20_000,
      'blue Ready, drained',
    );
    expect(condition(blue, 'Ready')).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(condition(blue, 'Valid')?.status).toBe('True');
    expect((await importOf(w.member.client, 'cart'))?.status?.clusters).toEqual([
      { cluster: 'blue' },
      { cluster: 'green' },
    ]);
  }, 60_000);

  it('rejects a weight that does not parse, naming the annotation', async () => {
    await annotateExport('blue', 'cart', { [MCS_ANNOTATIONS.weight]: 'lots' });
    const blue = await waitForConditions(
      w.member.blue,
      'cart',
      { Valid: ['False', 'InvalidAnnotation'] },
      'blue InvalidAnnotation',
    );
    expect(condition(blue, 'Valid')?.message).toContain(MCS_ANNOTATIONS.weight);
    // blue's target group leaves the listener; green serves alone
    await forwardIs('cart', { [tg('green', 'cart')]: 50 }, 'green alone');
    await annotateExport('blue', 'cart', { [MCS_ANNOTATIONS.weight]: null });
    await forwardIs('cart', { [tg('blue', 'cart')]: 100, [tg('green', 'cart')]: 50 }, '100/50');
  }, 60_000);

  it('creates the ExternalName Service only in namespaces that opt in', async () => {
    await w.member.client.mergePatch(
      CoreResources.namespaces,
      { name: NAMESPACE },
      { metadata: { labels: { [MCS_LABELS.externalNameOptIn]: 'true' } } },
    );
    const at = { name: externalNameServiceName('cart'), namespace: NAMESPACE };
    const external = await waitFor(
      () => w.member.client.get<V1Service & { metadata: object }>(CoreResources.services, at),
      20_000,
      'cart-clusterset in client',
    );
    const dns = (await importOf(w.member.client, 'cart'))?.metadata?.annotations?.[
      SERVICE_IMPORT_ANNOTATIONS.latticeDns
    ];
    expect(dns).toMatch(/\.on\.aws$|\.vpc-lattice-svcs\./);
    expect(external.spec).toMatchObject({
      type: 'ExternalName',
      externalName: dns,
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    });
    expect(external.metadata?.labels).toMatchObject({
      [MCS_LABELS.managedBy]: 'trellis',
      [MCS_LABELS.serviceName]: 'cart',
    });
    // blue and green did not opt in: imports, but no ExternalName Service
    await new Promise((r) => setTimeout(r, 2_500)); // a resync
    for (const cluster of ['blue', 'green']) {
      expect(await importOf(w.member[cluster], 'cart')).toBeDefined();
      expect(await w.member[cluster].get(CoreResources.services, at)).toBeUndefined();
    }
  }, 60_000);

  it('repairs a ServiceImport deleted and an ExternalName Service edited by hand', async () => {
    const before = await importOf(w.member.client, 'cart');
    await w.member.client.delete(ServiceImports, { name: 'cart', namespace: NAMESPACE });
    const after = await waitFor(
      async () => {
        const si = await importOf(w.member.client, 'cart');
        return si !== undefined && si.metadata?.uid !== before?.metadata?.uid && si.status?.clusters
          ? si
          : undefined;
      },
      20_000,
      'ServiceImport recreated',
    );
    expect(after.spec?.ports).toEqual(before?.spec?.ports);
    expect(after.status?.clusters).toEqual([{ cluster: 'blue' }, { cluster: 'green' }]);
    const dns = after.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns];
    expect(dns).toBe(before?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns]);

    const at = { name: externalNameServiceName('cart'), namespace: NAMESPACE };
    await w.member.client.mergePatch(CoreResources.services, at, {
      spec: { externalName: 'elsewhere.example.com' },
    });
    await waitFor(
      async () =>
        (await w.member.client.get<V1Service & { metadata: object }>(CoreResources.services, at))
          ?.spec?.externalName === dns || undefined,
      20_000,
      'externalName put back',
    );
  }, 60_000);

  it('removes the ExternalName Service when the namespace opts out', async () => {
    await w.member.client.mergePatch(
      CoreResources.namespaces,
      { name: NAMESPACE },
      { metadata: { labels: { [MCS_LABELS.externalNameOptIn]: null } } },
    );
    const at = { name: externalNameServiceName('cart'), namespace: NAMESPACE };
    await waitFor(
      async () =>
        (await w.member.client.get(CoreResources.services, at)) === undefined ? true : undefined,
      20_000,
      'cart-clusterset removed from client',
    );
    expect(await importOf(w.member.client, 'cart')).toBeDefined();
  }, 60_000);

  it('imports a headless Service as Headless', async () => {
    await serve(w.member.blue, 'search', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.1.0.9'],
      headless: true,
    });
    await exportService(w.member.blue, 'search');
    const imported = await waitFor(
      async () => {
        const si = await importOf(w.member.client, 'search');
        return si?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns] !== undefined &&
          si.status?.clusters !== undefined
          ? si
          : undefined;
      },
      20_000,
      'search import',
    );
    expect(imported.spec).toMatchObject({
      type: 'Headless',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      sessionAffinity: 'None',
    });
    expect(imported.status?.clusters).toEqual([{ cluster: 'blue' }]);
    await waitForConditions(w.member.blue, 'search', { Ready: ['True'] }, 'search Ready');
    const model = await waitFor(
      async () => {
        const m = await readModelOf(w.h, 'search');
        return m?.status?.type !== undefined ? m : undefined;
      },
      20_000,
      'search read model',
    );
    expect(model.status?.type).toBe('Headless');
    expect(await forwardsOf(w.lattice, svc('search'))).toEqual({
      [HTTP]: { [tg('blue', 'search')]: 100 },
    });
  }, 60_000);
});
