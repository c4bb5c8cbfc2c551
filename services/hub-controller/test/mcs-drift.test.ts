// Drift repair on the emulators: Lattice resources of an exported service changed or deleted by
// hand (listener, weights, service-network association, target group, targets) are put back at
// the next resync; once converged a resync makes no mutating AWS call; and resources without
// Trellis's tags in the same service network are never touched, not even when the service goes.
import {
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteServiceCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  ListListenersCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListTagsForResourceCommand,
  ListTargetsCommand,
  UpdateListenerCommand,
} from '@aws-sdk/client-vpc-lattice';
import {
  latticeServiceName,
  listenerName,
  SERVICE_IMPORT_ANNOTATIONS,
  targetGroupName,
} from '@trellis/core';
import { ServiceExports } from '@trellis/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '@trellis/testbed';
import { condition, waitFor } from './support.ts';
import {
  associationsOf,
  exportOf,
  exportService,
  expectForeignIntact,
  forwardsOf,
  importOf,
  latticeServiceNamed,
  mutatingCallsSince,
  NAMESPACE,
  plantForeignResources,
  serve,
  startMcsWorld,
  targetGroupsByName,
  targetsOf,
  waitForConditions,
  type ForeignResources,
  type McsWorld,
} from './mcs-support.ts';

const NAME = 'inventory';
const SERVICE = latticeServiceName(NAMESPACE, NAME);
const HTTP = listenerName('http', 80);
const BLUE_TG = targetGroupName('blue', NAMESPACE, NAME, 80);
const GREEN_TG = targetGroupName('green', NAMESPACE, NAME, 80);
const CONVERGED = { [HTTP]: { [BLUE_TG]: 100, [GREEN_TG]: 100 } };

describe('multi-cluster services: drift repair and ownership', () => {
  let w: McsWorld;
  let foreign: ForeignResources;

  beforeAll(async () => {
    w = await startMcsWorld();
    foreign = await plantForeignResources(w, 'handmade');
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });

  const serviceId = async () => (await latticeServiceNamed(w.lattice, SERVICE))!.id!;
  const converged = (what: string) =>
    waitFor(
      async () => {
        const forwards = await forwardsOf(w.lattice, SERVICE);
        const associations = await associationsOf(w.lattice, SERVICE);
        return JSON.stringify(forwards) === JSON.stringify(CONVERGED) &&
          associations.length === 1 &&
          associations[0]?.status === 'ACTIVE'
          ? true
          : undefined;
      },
      20_000,
      what,
    );

  it('exports inventory from blue and green', async () => {
    await serve(w.member.blue, NAME, { ports: [{ name: 'http', port: 80 }], ips: ['10.1.0.1'] });
    await serve(w.member.green, NAME, { ports: [{ name: 'http', port: 80 }], ips: ['10.2.0.1'] });
    await exportService(w.member.blue, NAME);
    await exportService(w.member.green, NAME);
    for (const cluster of ['blue', 'green'])
      await waitForConditions(w.member[cluster], NAME, { Ready: ['True'] }, `${cluster} Ready`);
    await converged('listener forwarding to both clusters');
    expect(await targetsOf(w.lattice, BLUE_TG)).toEqual(['10.1.0.1:80']);
    expect(await targetsOf(w.lattice, GREEN_TG)).toEqual(['10.2.0.1:80']);
    expect((await associationsOf(w.lattice, SERVICE)).map((a) => a.serviceNetworkArn)).toEqual([
      w.serviceNetworkArn,
    ]);
  }, 60_000);

  it('makes no mutating AWS call across resyncs once converged', async () => {
    const since = w.h.world.aws.clock.now().toISOString();
    await new Promise((r) => setTimeout(r, 5_000)); // two resync periods and more
    expect(mutatingCallsSince(w, since)).toEqual([]);
  }, 30_000);

  it('puts back a listener deleted by hand', async () => {
    const id = await serviceId();
    const listeners = (await w.lattice.send(new ListListenersCommand({ serviceIdentifier: id })))
      .items!;
    await w.lattice.send(
      new DeleteListenerCommand({ serviceIdentifier: id, listenerIdentifier: listeners[0].id }),
    );
    // a new listener (not the old one surviving), forwarding as before
    await waitFor(
      async () => {
        const now = (await w.lattice.send(new ListListenersCommand({ serviceIdentifier: id })))
          .items;
        return now?.length === 1 && now[0].id !== listeners[0].id ? true : undefined;
      },
      20_000,
      'listener recreated',
    );
    await converged('listener forwarding to both clusters again');
  }, 30_000);

  it('puts back listener weights changed by hand', async () => {
    const id = await serviceId();
    const listener = (await w.lattice.send(new ListListenersCommand({ serviceIdentifier: id })))
      .items![0];
    const groups = await targetGroupsByName(w.lattice);
    const changed = await w.lattice.send(
      new UpdateListenerCommand({
        serviceIdentifier: id,
        listenerIdentifier: listener.id,
        defaultAction: {
          forward: {
            targetGroups: [
              { targetGroupIdentifier: groups.get(BLUE_TG)!.id, weight: 1 },
              { targetGroupIdentifier: groups.get(GREEN_TG)!.id, weight: 999 },
            ],
          },
        },
      }),
    );
    expect(changed.defaultAction?.forward?.targetGroups?.map((g) => g.weight)).toEqual([1, 999]);
    await converged('weights restored');
  }, 30_000);

  it('puts back the service-network association deleted by hand', async () => {
    const [association] = await associationsOf(w.lattice, SERVICE);
    await w.lattice.send(
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: association.id,
      }),
    );
    await waitFor(
      async () => {
        const now = await associationsOf(w.lattice, SERVICE);
        return now.length === 1 && now[0].id !== association.id && now[0].status === 'ACTIVE'
          ? true
          : undefined;
      },
      30_000,
      'a new ACTIVE association',
    );
    expect((await associationsOf(w.lattice, SERVICE)).map((a) => a.serviceNetworkArn)).toEqual([
      w.serviceNetworkArn,
    ]);
    await converged('association restored');
  }, 45_000);

  it("puts back a target group deleted by hand, with its cluster's targets", async () => {
    // Lattice refuses to delete a group a listener forwards to: take it out first. The hub may
    // put the listener back in between; then try again.
    const id = await serviceId();
    const listener = (await w.lattice.send(new ListListenersCommand({ serviceIdentifier: id })))
      .items![0];
    const before = (await targetGroupsByName(w.lattice)).get(GREEN_TG)!;
    for (let attempt = 1; ; attempt += 1) {
      const blue = (await targetGroupsByName(w.lattice)).get(BLUE_TG)!;
      await w.lattice.send(
        new UpdateListenerCommand({
          serviceIdentifier: id,
          listenerIdentifier: listener.id,
          defaultAction: {
            forward: { targetGroups: [{ targetGroupIdentifier: blue.id, weight: 100 }] },
          },
        }),
      );
      try {
        await w.lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: before.id }));
        break;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
    await waitFor(
      async () => {
        const now = (await targetGroupsByName(w.lattice)).get(GREEN_TG);
        return now !== undefined && now.id !== before.id ? now : undefined;
      },
      20_000,
      "green's target group recreated",
    );
    await converged('listener forwarding to the new group');
    await waitFor(
      async () =>
        JSON.stringify(await targetsOf(w.lattice, GREEN_TG)) === '["10.2.0.1:80"]' || undefined,
      20_000,
      "green's target registered again",
    );
  }, 45_000);

  it('registers again a target deregistered by hand', async () => {
    const blue = (await targetGroupsByName(w.lattice)).get(BLUE_TG)!;
    const since = w.h.world.aws.clock.now().toISOString();
    const out = await w.lattice.send(
      new DeregisterTargetsCommand({
        targetGroupIdentifier: blue.id,
        targets: [{ id: '10.1.0.1', port: 80 }],
      }),
    );
    expect(out.successful).toEqual([{ id: '10.1.0.1', port: 80 }]);
    await waitFor(
      () => mutatingCallsSince(w, since).includes('RegisterTargets') || undefined,
      20_000,
      'RegisterTargets by the hub',
    );
    const registered = await w.lattice.send(
      new ListTargetsCommand({ targetGroupIdentifier: blue.id }),
    );
    expect(registered.items?.map((t) => [t.id, t.port, t.status])).not.toContainEqual([
      '10.1.0.1',
      80,
      'DRAINING',
    ]);
    expect(registered.items?.map((t) => `${t.id}:${t.port}`)).toEqual(['10.1.0.1:80']);
  }, 30_000);

  it('recreates the whole Lattice service deleted by hand and points the imports at it', async () => {
    const before = (await latticeServiceNamed(w.lattice, SERVICE))!;
    // Lattice deletes a service only without listeners and associations: all three by hand,
    // back to back (the hub may put some back in between: then go round again)
    for (let attempt = 1; ; attempt += 1) {
      try {
        for (const l of (
          await w.lattice.send(new ListListenersCommand({ serviceIdentifier: before.id }))
        ).items ?? [])
          await w.lattice.send(
            new DeleteListenerCommand({ serviceIdentifier: before.id, listenerIdentifier: l.id }),
          );
        for (const a of await associationsOf(w.lattice, SERVICE))
          await w.lattice.send(
            new DeleteServiceNetworkServiceAssociationCommand({
              serviceNetworkServiceAssociationIdentifier: a.id,
            }),
          );
        await waitFor(
          async () => {
            const left = await w.lattice.send(
              new ListServiceNetworkServiceAssociationsCommand({ serviceIdentifier: before.id }),
            );
            return (left.items ?? []).length === 0 || undefined;
          },
          10_000,
          'association gone',
        );
        await w.lattice.send(new DeleteServiceCommand({ serviceIdentifier: before.id }));
        break;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
    const after = await waitFor(
      async () => {
        const now = await latticeServiceNamed(w.lattice, SERVICE);
        return now !== undefined && now.id !== before.id ? now : undefined;
      },
      30_000,
      'a new Lattice service',
    );
    await converged('the new service forwarding to both clusters');
    expect(after.dnsEntry?.domainName).not.toBe(before.dnsEntry?.domainName);
    for (const cluster of ['blue', 'green', 'client'])
      await waitFor(
        async () =>
          (await importOf(w.member[cluster], NAME))?.metadata?.annotations?.[
            SERVICE_IMPORT_ANNOTATIONS.latticeDns
          ] === after.dnsEntry?.domainName || undefined,
        20_000,
        `${cluster} import with the new DNS name`,
      );
  }, 60_000);

  it('is back at steady state: no mutating call, the hand-made resources untouched', async () => {
    await converged('converged');
    // the deregistered target may still be draining in the emulator: let one resync settle it
    await new Promise((r) => setTimeout(r, 2_500));
    const since = w.h.world.aws.clock.now().toISOString();
    await new Promise((r) => setTimeout(r, 5_000));
    expect(mutatingCallsSince(w, since)).toEqual([]);
    await expectForeignIntact(w, foreign);
  }, 30_000);

  it('unexporting everything removes only what Trellis made', async () => {
    await w.member.green.delete(ServiceExports, { name: NAME, namespace: NAMESPACE });
    await w.member.blue.delete(ServiceExports, { name: NAME, namespace: NAMESPACE });
    await waitFor(
      async () =>
        (await latticeServiceNamed(w.lattice, SERVICE)) === undefined &&
        (await importOf(w.member.client, NAME)) === undefined
          ? true
          : undefined,
      30_000,
      'service and imports removed',
    );
    await waitFor(
      async () => {
        const names = [...(await targetGroupsByName(w.lattice)).keys()];
        return names.includes(BLUE_TG) || names.includes(GREEN_TG) ? undefined : names;
      },
      20_000,
      'target groups removed',
    );
    await expectForeignIntact(w, foreign);
  }, 60_000);
  it('never takes over a hand-made target group that has the name Trellis wants', async () => {
    const name = targetGroupName('blue', NAMESPACE, 'widgets', 80);
    const squatter = await w.lattice.send(
      new CreateTargetGroupCommand({
        name,
        type: 'IP',
        config: { port: 80, protocol: 'HTTP', vpcIdentifier: DEMO.vpcs.blue },
        tags: { owner: 'someone-else' },
      }),
    );
    await serve(w.member.blue, 'widgets', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.1.0.7'],
    });
    await exportService(w.member.blue, 'widgets');
    const blue = await waitForConditions(
      w.member.blue,
      'widgets',
      { Valid: ['True'], Ready: ['False', 'LatticeApplyFailed'] },
      'blue widgets LatticeApplyFailed',
    );
    expect(condition(blue, 'Ready')?.message).toContain(`target group named ${name}`);
    await w.member.blue.delete(ServiceExports, { name: 'widgets', namespace: NAMESPACE });
    await waitFor(
      async () => ((await exportOf(w.member.blue, 'widgets')) === undefined ? true : undefined),
      30_000,
      'widgets export released',
    );
    expect(
      await latticeServiceNamed(w.lattice, latticeServiceName(NAMESPACE, 'widgets')),
    ).toBeUndefined();
    const still = (await targetGroupsByName(w.lattice)).get(name);
    expect(still?.id).toBe(squatter.id);
    const tags = await w.lattice.send(
      new ListTagsForResourceCommand({ resourceArn: squatter.arn }),
    );
    expect(tags.tags).toEqual({ owner: 'someone-else' });
  }, 60_000);
});
