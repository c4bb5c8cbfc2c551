// The "done when": a 90/10 weighted forward splits traffic 90/10 within statistical
// tolerance, and follows a weight change (UpdateListener, UpdateRule) at once.
import {
  CreateRuleCommand,
  UpdateListenerCommand,
  UpdateRuleCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from './data-plane-harness.ts';
import { forwardTo, startWorld, tally } from './data-plane-harness.ts';

const REQUESTS = 1000;

/** |observed - n·p| within 4 standard deviations of a binomial(n, p). */
function expectBinomial(observed: number, n: number, p: number): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(observed - n * p)).toBeLessThanOrEqual(4 * sd);
}

describe('Lattice data plane: weighted forwarding', () => {
  let world: World;
  let host: string;
  let serviceId: string;
  let listenerId: string;
  let blue: { id: string };
  let green: { id: string };

  beforeAll(async () => {
    world = await startWorld();
    const sn = await world.serviceNetwork('split-network');
    const svc = await world.service('checkout', sn.id);
    host = svc.dnsName;
    serviceId = svc.id;
    blue = await world.targetGroup('checkout-blue', [
      await world.pod('blue-1'),
      await world.pod('blue-2'),
    ]);
    green = await world.targetGroup('checkout-green', [await world.pod('green-1')]);
    listenerId = (
      await world.listener(
        svc.id,
        forwardTo({ id: blue.id, weight: 90 }, { id: green.id, weight: 10 }),
      )
    ).id;
    await world.waitForTargets(blue.id, 'HEALTHY');
    await world.waitForTargets(green.id, 'HEALTHY');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('splits ~1,000 requests 90/10 between the target groups, round-robin inside each', async () => {
    const counts = tally(await world.sendMany(host, REQUESTS));
    const blueCount = (counts['blue-1'] ?? 0) + (counts['blue-2'] ?? 0);
    const greenCount = counts['green-1'] ?? 0;
    expect(blueCount + greenCount).toBe(REQUESTS);
    expectBinomial(greenCount, REQUESTS, 0.1);
    // round-robin over blue's two pods: within one request of each other
    expect(Math.abs((counts['blue-1'] ?? 0) - (counts['blue-2'] ?? 0))).toBeLessThanOrEqual(1);
  });

  it('follows UpdateListener to 0/100 at once: weight 0 is never chosen', async () => {
    await world.lattice.send(
      new UpdateListenerCommand({
        serviceIdentifier: serviceId,
        listenerIdentifier: listenerId,
        defaultAction: forwardTo({ id: blue.id, weight: 0 }, { id: green.id, weight: 100 }),
      }),
    );
    expect(tally(await world.sendMany(host, 200))).toEqual({ 'green-1': 200 });
  });

  it('follows UpdateRule on a matching rule, and back to 50/50', async () => {
    const rule = await world.lattice.send(
      new CreateRuleCommand({
        serviceIdentifier: serviceId,
        listenerIdentifier: listenerId,
        name: 'everything',
        priority: 1,
        match: { httpMatch: { pathMatch: { match: { prefix: '/' } } } },
        action: forwardTo({ id: blue.id, weight: 100 }, { id: green.id, weight: 0 }),
      }),
    );
    const allBlue = tally(await world.sendMany(host, 100));
    expect(allBlue['green-1']).toBeUndefined();
    expect((allBlue['blue-1'] ?? 0) + (allBlue['blue-2'] ?? 0)).toBe(100);

    await world.lattice.send(
      new UpdateRuleCommand({
        serviceIdentifier: serviceId,
        listenerIdentifier: listenerId,
        ruleIdentifier: rule.id!,
        action: forwardTo({ id: blue.id, weight: 1 }, { id: green.id, weight: 1 }),
      }),
    );
    const counts = tally(await world.sendMany(host, 400));
    expectBinomial(counts['green-1'] ?? 0, 400, 0.5);
  });
});
