import type { KubeEmulator } from '@trellis/kube-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreResources, LeaseElector, ResourceClient } from '../src/index.ts';
import { kubeConfigOf, startEmulator, waitFor } from './support.ts';

describe('LeaseElector on the kube emulator', () => {
  let kube: KubeEmulator;

  beforeAll(async () => {
    kube = await startEmulator(['mgmt']);
  });
  afterAll(async () => {
    await kube.stop();
  });

  it('elects exactly one leader and hands over on release', async () => {
    const client = new ResourceClient(kubeConfigOf(kube, 'mgmt'));
    const leading = new Set<string>();
    let overlap = false;
    const elector = (identity: string) =>
      new LeaseElector({
        client,
        namespace: 'default',
        name: 'hub-controller',
        identity,
        leaseDurationMs: 2000,
        renewDeadlineMs: 1500,
        retryPeriodMs: 100,
        onStartedLeading: () => {
          if (leading.size > 0) overlap = true;
          leading.add(identity);
        },
        onStoppedLeading: () => {
          leading.delete(identity);
        },
      });
    const a = elector('replica-a');
    const b = elector('replica-b');
    a.start();
    b.start();
    await waitFor(() => leading.size === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(leading.size).toBe(1);
    const first = a.isLeader ? a : b;
    const second = first === a ? b : a;
    const lease = await client.get<{
      metadata?: { name?: string };
      spec?: { holderIdentity?: string };
    }>(CoreResources.leases, {
      name: 'hub-controller',
      namespace: 'default',
    });
    expect(lease?.spec?.holderIdentity).toBe(first === a ? 'replica-a' : 'replica-b');

    await first.stop();
    await waitFor(() => second.isLeader, 5000);
    expect(overlap).toBe(false);
    await second.stop();
    expect(leading.size).toBe(0);
  });
});
