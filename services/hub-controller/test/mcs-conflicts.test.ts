// MCS conflict resolution and export validity, end to end on the emulators: which export wins
// (oldest creationTimestamp, then cluster name), what each ServiceExport's conditions say, that
// Lattice follows the winner, and that fixing the conflict (or the missing Service) clears it.
import { ListListenersCommand, ListTargetGroupsCommand } from '@aws-sdk/client-vpc-lattice';
import { latticeServiceName, listenerName, targetGroupName } from '@trellis/core';
import { CoreResources } from '@trellis/kube';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { condition, waitFor } from './support.ts';
import {
  exportOf,
  exportService,
  forwardsOf,
  importOf,
  latticeServiceNamed,
  NAMESPACE,
  serve,
  startMcsWorld,
  waitForConditions,
  type McsWorld,
  type ForeignResources,
  plantForeignResources,
  expectForeignIntact,
} from './mcs-support.ts';

const tg = (cluster: string, name: string, port: number) =>
  targetGroupName(cluster, NAMESPACE, name, port);
const svc = (name: string) => latticeServiceName(NAMESPACE, name);

/** Resolves just after a wall-clock second starts, so two creates can share a creationTimestamp. */
async function startOfSecond(): Promise<void> {
  const ms = Date.now() % 1_000;
  await new Promise((r) => setTimeout(r, 1_000 - ms + 5));
}

describe('multi-cluster services: conflicts and validity', () => {
  let w: McsWorld;

  let foreign: ForeignResources;

  beforeAll(async () => {
    w = await startMcsWorld();
    foreign = await plantForeignResources(w, 'handmade');
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });

  it('the oldest export wins a port conflict even when its cluster sorts last', async () => {
    // green first, blue more than a second later: blue would win a tie on the name, not here
    await serve(w.member.green, 'catalog', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.2.0.1'],
    });
    const greenExport = await exportService(w.member.green, 'catalog');
    await new Promise((r) => setTimeout(r, 1_100));
    await serve(w.member.blue, 'catalog', {
      ports: [{ name: 'http', port: 8080 }],
      ips: ['10.1.0.1'],
    });
    const blueExport = await exportService(w.member.blue, 'catalog');
    expect(Date.parse(blueExport.metadata!.creationTimestamp as unknown as string)).toBeGreaterThan(
      Date.parse(greenExport.metadata!.creationTimestamp as unknown as string),
    );

    const blue = await waitForConditions(
      w.member.blue,
      'catalog',
      { Valid: ['True'], Conflict: ['True', 'PortConflict'], Ready: ['False', 'NoServedPorts'] },
      'blue: PortConflict, no served port',
    );
    expect(condition(blue, 'Conflict')?.message).toMatch(/cluster green, whose export is older/);
    const green = await waitForConditions(
      w.member.green,
      'catalog',
      { Valid: ['True'], Conflict: ['True', 'PortConflict'], Ready: ['True', 'Ready'] },
      'green: PortConflict, Ready',
    );
    expect(condition(green, 'Conflict')?.message).toMatch(/cluster blue lacks "http" 80\/TCP/);

    // Lattice follows the winner: port 80 only, forwarding to green's target group only
    const forwards = await waitFor(
      async () => {
        const f = await forwardsOf(w.lattice, svc('catalog'));
        return f !== undefined && Object.keys(f).length > 0 ? f : undefined;
      },
      20_000,
      'catalog listeners',
    );
    expect(forwards).toEqual({ [listenerName('http', 80)]: { [tg('green', 'catalog', 80)]: 100 } });
    const groups = ((await w.lattice.send(new ListTargetGroupsCommand({}))).items ?? []).map(
      (g) => g.name,
    );
    expect(groups).not.toContain(tg('blue', 'catalog', 80));
    expect(groups).not.toContain(tg('blue', 'catalog', 8080));
    const imported = await waitFor(
      async () => {
        const si = await importOf(w.member.client, 'catalog');
        return si?.status?.clusters !== undefined ? si : undefined;
      },
      20_000,
      'catalog import',
    );
    expect(imported.spec?.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(imported.status?.clusters).toEqual([{ cluster: 'green' }]);
  }, 60_000);

  it('resolving the port conflict clears it and blue joins the listener', async () => {
    await w.member.blue.mergePatch(
      CoreResources.services,
      { name: 'catalog', namespace: NAMESPACE },
      { spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } },
    );
    for (const cluster of ['blue', 'green'])
      await waitForConditions(
        w.member[cluster],
        'catalog',
        { Valid: ['True'], Conflict: ['False', 'NoConflicts'], Ready: ['True', 'Ready'] },
        `${cluster}: no conflict, Ready`,
      );
    const forwards = await waitFor(
      async () => {
        const f = await forwardsOf(w.lattice, svc('catalog'));
        return Object.keys(f?.[listenerName('http', 80)] ?? {}).length === 2 ? f : undefined;
      },
      20_000,
      'both clusters forwarded',
    );
    expect(forwards).toEqual({
      [listenerName('http', 80)]: {
        [tg('blue', 'catalog', 80)]: 100,
        [tg('green', 'catalog', 80)]: 100,
      },
    });
    await waitFor(
      async () =>
        (await importOf(w.member.client, 'catalog'))?.status?.clusters?.length === 2 || undefined,
      20_000,
      'import with both clusters',
    );
    expect((await importOf(w.member.client, 'catalog'))?.status?.clusters).toEqual([
      { cluster: 'blue' },
      { cluster: 'green' },
    ]);
  }, 60_000);

  it('equal creation timestamps fall back to the cluster name', async () => {
    // green is created first but in the same second as blue: blue wins by name
    let attempt = 0;
    let name = '';
    for (;;) {
      attempt += 1;
      name = `tie${attempt}`;
      await serve(w.member.green, name, { ports: [{ name: 'http', port: 81 }], ips: ['10.2.0.2'] });
      await serve(w.member.blue, name, { ports: [{ name: 'http', port: 80 }], ips: ['10.1.0.2'] });
      await startOfSecond();
      const green = await exportService(w.member.green, name);
      const blue = await exportService(w.member.blue, name);
      if (green.metadata?.creationTimestamp === blue.metadata?.creationTimestamp) break;
      if (attempt === 3) throw new Error('could not create two exports within one second');
    }
    await waitForConditions(
      w.member.green,
      name,
      { Conflict: ['True', 'PortConflict'], Ready: ['False', 'NoServedPorts'] },
      'green loses the tie',
    );
    await waitForConditions(
      w.member.blue,
      name,
      { Conflict: ['True', 'PortConflict'], Ready: ['True', 'Ready'] },
      'blue wins the tie',
    );
    const forwards = await waitFor(
      async () => {
        const f = await forwardsOf(w.lattice, svc(name));
        return f !== undefined && Object.keys(f).length === 1 ? f : undefined;
      },
      20_000,
      `${name} listeners`,
    );
    expect(forwards).toEqual({ [listenerName('http', 80)]: { [tg('blue', name, 80)]: 100 } });
  }, 60_000);

  it('a port whose protocol differs from the older export’s is not served by the newer cluster', async () => {
    await serve(w.member.blue, 'quotes', { ports: [{ name: 'web', port: 80 }], ips: ['10.1.0.5'] });
    await exportService(w.member.blue, 'quotes');
    await waitForConditions(w.member.blue, 'quotes', { Ready: ['True'] }, 'blue quotes Ready');
    // same name and port, but gRPC: Lattice would need another listener protocol
    await serve(w.member.green, 'quotes', {
      ports: [{ name: 'web', port: 80, appProtocol: 'grpc' }],
      ips: ['10.2.0.5'],
    });
    await exportService(w.member.green, 'quotes');
    const green = await waitForConditions(
      w.member.green,
      'quotes',
      { Valid: ['True'], Conflict: ['True', 'PortConflict'], Ready: ['False', 'NoServedPorts'] },
      'green: PortConflict on the protocol',
    );
    expect(condition(green, 'Conflict')?.message).toMatch(/appProtocol grpc differs/);
    await new Promise((r) => setTimeout(r, 2_500)); // a resync: nothing of green's appears
    const service = (await latticeServiceNamed(w.lattice, svc('quotes')))!;
    const listeners = await w.lattice.send(
      new ListListenersCommand({ serviceIdentifier: service.id }),
    );
    expect(listeners.items?.map((l) => [l.name, l.protocol, l.port])).toEqual([
      [listenerName('http', 80), 'HTTP', 80],
    ]);
    expect(await forwardsOf(w.lattice, svc('quotes'))).toEqual({
      [listenerName('http', 80)]: { [tg('blue', 'quotes', 80)]: 100 },
    });
    expect((await importOf(w.member.client, 'quotes'))?.spec?.ports).toEqual([
      { name: 'web', port: 80, protocol: 'TCP' },
    ]);
  }, 60_000);

  it('a Service type that differs from the winner excludes the newer export (TypeConflict)', async () => {
    await serve(w.member.blue, 'ledger', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.1.0.3'],
    });
    await exportService(w.member.blue, 'ledger');
    await waitForConditions(w.member.blue, 'ledger', { Ready: ['True'] }, 'blue ledger Ready');
    await serve(w.member.green, 'ledger', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.2.0.3'],
      headless: true,
    });
    await exportService(w.member.green, 'ledger');
    const green = await waitForConditions(
      w.member.green,
      'ledger',
      { Valid: ['True'], Conflict: ['True', 'TypeConflict'], Ready: ['False', 'Conflict'] },
      'green excluded by TypeConflict',
    );
    expect(condition(green, 'Conflict')?.message).toMatch(/Headless here but ClusterSetIP/);
    await waitForConditions(
      w.member.blue,
      'ledger',
      { Conflict: ['True', 'TypeConflict'], Ready: ['True'] },
      'the winner shows the conflict too',
    );
    expect(await forwardsOf(w.lattice, svc('ledger'))).toEqual({
      [listenerName('http', 80)]: { [tg('blue', 'ledger', 80)]: 100 },
    });
    expect((await importOf(w.member.client, 'ledger'))?.spec?.type).toBe('ClusterSetIP');
  }, 60_000);

  it('an export without a Service or of an ExternalName Service is invalid and serves nothing', async () => {
    await exportService(w.member.blue, 'orders');
    await w.member.green.create(CoreResources.services, {
      metadata: { name: 'orders', namespace: NAMESPACE },
      spec: { type: 'ExternalName', externalName: 'orders.example.com' },
    } as KubernetesObject);
    await exportService(w.member.green, 'orders');
    const blue = await waitForConditions(
      w.member.blue,
      'orders',
      { Valid: ['False', 'NoService'], Ready: ['False', 'Invalid'] },
      'blue NoService',
    );
    expect(condition(blue, 'Conflict')).toBeUndefined();
    await waitForConditions(
      w.member.green,
      'orders',
      { Valid: ['False', 'InvalidServiceType'], Ready: ['False', 'Invalid'] },
      'green InvalidServiceType',
    );
    // a few resyncs later still nothing in Lattice and no import anywhere
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await latticeServiceNamed(w.lattice, svc('orders'))).toBeUndefined();
    for (const cluster of ['blue', 'green', 'client'])
      expect(await importOf(w.member[cluster], 'orders')).toBeUndefined();
    // the finalizer is there all the same: deleting the export waits for the hub
    expect((await exportOf(w.member.blue, 'orders'))?.metadata?.finalizers).toContain(
      'multicluster.trellis.dev/service-export-cleanup',
    );
  }, 60_000);

  it('creating the missing Service makes the export valid and exported', async () => {
    await serve(w.member.blue, 'orders', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.1.0.4'],
    });
    await waitForConditions(
      w.member.blue,
      'orders',
      { Valid: ['True', 'Valid'], Conflict: ['False'], Ready: ['True', 'Ready'] },
      'blue orders valid and Ready',
    );
    const service = await waitFor(
      () => latticeServiceNamed(w.lattice, svc('orders')),
      20_000,
      'orders Lattice service',
    );
    expect(service.status).toBe('ACTIVE');
    expect(await forwardsOf(w.lattice, svc('orders'))).toEqual({
      [listenerName('http', 80)]: { [tg('blue', 'orders', 80)]: 100 },
    });
    const imported = await waitFor(
      () => importOf(w.member.client, 'orders'),
      20_000,
      'orders import',
    );
    expect(imported.status?.clusters).toEqual([{ cluster: 'blue' }]);
    // green's ExternalName Service stays invalid and contributes nothing
    await waitForConditions(
      w.member.green,
      'orders',
      { Valid: ['False', 'InvalidServiceType'] },
      'green still invalid',
    );
  }, 60_000);

  it('left every resource without Trellis tags alone', async () => {
    await expectForeignIntact(w, foreign);
  });
});
