// Multi-cluster services with the hub as separate processes: `inventory` exported from blue and
// green becomes one Lattice service that a client reaches by DNS name, answered about half by
// each cluster; a hub-controller SIGKILLed in the middle of creating it (AWS has the resource,
// the controller never saw the answer) and restarted finishes the job without duplicating
// anything; and a restart at steady state changes nothing in AWS while traffic keeps flowing.
import type { KubernetesObject } from '@kubernetes/client-node';
import { SERVICE_IMPORT_ANNOTATIONS } from '@trellis/core';
import { CoreResources, ServiceImports } from '@trellis/kube';
import { startDemoApp, type DemoApp } from '@trellis/testbed';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../src/api-client.ts';
import { latticeInventory, startE2e, type E2e } from '../src/harness.ts';
import { sample, withinTolerance } from '../src/sampler.ts';

type ServiceImport = KubernetesObject & { status?: { clusters?: { cluster: string }[] } };

describe('e2e: multi-cluster service through a crashing hub-controller', () => {
  let e2e: E2e;
  let app: DemoApp;
  let dns: string;

  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.onboard();
    app = await startDemoApp({ world: e2e.world, clusters: ['blue', 'green'] });
    // a ServiceImport goes only to member clusters that have the namespace
    await e2e.member('client').apply(CoreResources.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
  }, 120_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(e2e?.diagnostics());
  });

  afterAll(async () => {
    await app?.stop();
    await e2e?.stop();
  });

  const importIn = (cluster: string) =>
    e2e
      .member(cluster)
      .get<ServiceImport>(ServiceImports, { namespace: 'shop', name: 'inventory' });

  it('exports inventory from blue and green; SIGKILLed right after AWS created the Lattice service, the restarted hub-controller finishes without duplicates', async () => {
    // kill the controller the instant AWS has created the service, before the answer reaches it
    let killed: Promise<void> | undefined;
    const unsubscribe = e2e.world.aws.calls.onRecord((record) => {
      if (killed === undefined && record.operation === 'CreateService' && record.status < 300)
        killed = e2e.controller.kill();
    });
    try {
      await app.exportFrom('blue');
      await app.exportFrom('green');
      await waitFor(
        () => killed !== undefined,
        30_000,
        'the hub-controller creates the Lattice service',
      );
      await killed;
    } finally {
      unsubscribe();
    }
    expect(e2e.controller.running()).toBe(false);
    await e2e.crashAndRestart(); // (already dead: starts it and waits for the Lease)

    const imported = await waitFor(
      async () => {
        const si = await importIn('client');
        return si?.status?.clusters?.length === 2 &&
          si.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns] !== undefined
          ? si
          : undefined;
      },
      45_000,
      'ServiceImport of inventory in client with blue and green',
    );
    expect(imported.status?.clusters).toEqual([{ cluster: 'blue' }, { cluster: 'green' }]);
    dns = imported.metadata!.annotations![SERVICE_IMPORT_ANNOTATIONS.latticeDns]!;

    const inventory = await latticeInventory(e2e.lattice);
    expect(inventory.services).toHaveLength(1);
    expect(new Set(inventory.targetGroups).size).toBe(inventory.targetGroups.length);
    expect(inventory.targetGroups.filter((n) => n.includes('inventory'))).toHaveLength(2);
    expect(inventory.listeners).toHaveLength(1);
    expect(e2e.world.aws.calls.list({ operation: 'CreateService', mutating: true })).toHaveLength(
      e2e.world.aws.calls.list({ operation: 'CreateService' }).length,
    );
  }, 90_000);

  it('a client reaches the service by DNS name; the data plane splits about 50/50', async () => {
    await waitFor(
      async () => {
        const t = await sample(e2e.world.aws.proxy!.url, dns, 20);
        return (t.answers.blue ?? 0) > 0 && (t.answers.green ?? 0) > 0;
      },
      30_000,
      'both clusters answering (targets healthy)',
    );
    const split = await sample(e2e.world.aws.proxy!.url, dns, 300);
    expect(split.answers.blue + split.answers.green, JSON.stringify(split)).toBe(300);
    expect(withinTolerance(split.answers.green, 300, 50), JSON.stringify(split)).toBe(true);
  }, 60_000);

  it('with the hub-controller dead, traffic flows; restarted at steady state, it writes nothing to AWS', async () => {
    const before = await latticeInventory(e2e.lattice);
    await e2e.controller.kill();
    const whileDown = await sample(e2e.world.aws.proxy!.url, dns, 100);
    expect(whileDown.answers.blue + whileDown.answers.green, JSON.stringify(whileDown)).toBe(100);

    await e2e.crashAndRestart();
    const since = e2e.world.aws.clock.now().toISOString();
    await new Promise((r) => setTimeout(r, 5_000)); // two resync periods of the new leader
    expect(e2e.world.aws.calls.mutating({ service: 'vpc-lattice', since })).toEqual([]);
    expect(await latticeInventory(e2e.lattice)).toEqual(before);
    expect((await importIn('client'))?.status?.clusters).toEqual([
      { cluster: 'blue' },
      { cluster: 'green' },
    ]);
    const after = await sample(e2e.world.aws.proxy!.url, dns, 200);
    expect(withinTolerance(after.answers.green ?? 0, 200, 50), JSON.stringify(after)).toBe(true);
  }, 60_000);
});
