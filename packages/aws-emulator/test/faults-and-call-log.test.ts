import { ListClustersCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateServiceNetworkCommand, ListServiceNetworksCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { CreateResourceShareCommand, RAMClient } from '@aws-sdk/client-ram';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { startAwsEmulator } from '../src/index.ts';
import type { AwsCredentialIdentity } from './support/sdk.ts';
import { assumeRole, eksClient, REGION, rejectionOf, stsClient } from './support/sdk.ts';
import { CLUSTER_ROLE_ARN, CLUSTERS, EXTERNAL_ID, HUB, HUB_ROLE_ARN, HUB_USER_KEY, NETWORK, NETWORK_ROLE_ARN, testSeed } from './support/test-seed.ts';

describe('fault injection and the call log', () => {
  let emulator: AwsEmulator;
  let clusterCreds: AwsCredentialIdentity;
  let networkCreds: AwsCredentialIdentity;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed });
    clusterCreds = await assumeRole(emulator.endpoint, HUB_USER_KEY, CLUSTER_ROLE_ARN);
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN);
    networkCreds = await assumeRole(emulator.endpoint, hub, NETWORK_ROLE_ARN, { externalId: EXTERNAL_ID, sessionName: 'tenant-a' });
  });
  afterAll(async () => {
    await emulator.stop();
  });
  beforeEach(() => {
    emulator.faults.clear();
    emulator.calls.clear();
  });

  it('throttled STS calls are retried by the SDK and succeed', async () => {
    emulator.faults.throttle({ service: 'sts', operation: 'GetCallerIdentity', count: 2 });
    const out = await stsClient(emulator.endpoint, HUB_USER_KEY).send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    const calls = emulator.calls.list({ service: 'sts' });
    expect(calls.map((c) => [c.status, c.errorCode ?? null])).toEqual([
      [400, 'Throttling'],
      [400, 'Throttling'],
      [200, null],
    ]);
  });

  it('surfaces ThrottlingException (429, Retry-After) once retries are exhausted', async () => {
    emulator.faults.throttle({ service: 'eks', count: 5, retryAfterSeconds: 1 });
    const error = await rejectionOf(eksClient(emulator.endpoint, clusterCreds, { maxAttempts: 2 }).send(new ListClustersCommand({})));
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata?.httpStatusCode).toBe(429);
    expect(error.$metadata?.attempts).toBe(2);
    expect(emulator.faults.list()[0].hits).toBe(2);
  });

  it('5xx faults are transient to the SDK; faults can target one account', async () => {
    emulator.faults.fail({ service: 'eks', operation: 'ListClusters', status: 503, count: 1, accountId: CLUSTERS });
    const out = await eksClient(emulator.endpoint, clusterCreds).send(new ListClustersCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(emulator.calls.list({ service: 'eks' })[0]).toMatchObject({ status: 503, errorCode: 'ServiceUnavailableException' });
    emulator.faults.fail({ service: 'eks', accountId: HUB, count: 1 });
    const unaffected = await eksClient(emulator.endpoint, clusterCreds).send(new ListClustersCommand({}));
    expect(unaffected.$metadata.attempts).toBe(1);
  });

  it('throttled Lattice writes have no side effect, and the log tells mutating from read calls', async () => {
    emulator.faults.throttle({ service: 'vpc-lattice', operation: 'CreateServiceNetwork', count: 1 });
    const lattice = new VPCLatticeClient({ endpoint: emulator.endpoint, region: REGION, credentials: networkCreds });
    await lattice.send(new CreateServiceNetworkCommand({ name: 'trellis-tenant-a', clientToken: 'sn-tenant-a' }));
    const listed = await lattice.send(new ListServiceNetworksCommand({}));
    expect(listed.items?.map((n) => n.name)).toEqual(['trellis-tenant-a']);
    const calls = emulator.calls.list({ service: 'vpc-lattice' });
    expect(calls.map((c) => [c.operation, c.status, c.mutating])).toEqual([
      ['CreateServiceNetwork', 429, true],
      ['CreateServiceNetwork', 201, true],
      ['ListServiceNetworks', 200, false],
    ]);
    expect(calls[1]).toMatchObject({
      callerArn: `arn:aws:sts::${NETWORK}:assumed-role/TrellisNetwork/tenant-a`,
      accountId: NETWORK,
      region: REGION,
    });
    // steady state: reads only
    emulator.calls.clear();
    await lattice.send(new ListServiceNetworksCommand({}));
    expect(emulator.calls.mutating()).toEqual([]);
  });

  it('onRecord listeners see each call as it is logged, after it changed the state', async () => {
    const lattice = new VPCLatticeClient({ endpoint: emulator.endpoint, region: REGION, credentials: networkCreds });
    const view = emulator.lattice.dataPlane;
    const before = view.revision();
    const seen: Array<[string | undefined, number, number]> = [];
    const unsubscribe = emulator.calls.onRecord((record) => seen.push([record.operation, record.status, view.revision()]));
    await lattice.send(new CreateServiceNetworkCommand({ name: 'trellis-listened', clientToken: 'sn-listened' }));
    unsubscribe();
    await lattice.send(new ListServiceNetworksCommand({}));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.slice(0, 2)).toEqual(['CreateServiceNetwork', 201]);
    expect(seen[0]?.[2]).toBeGreaterThan(before); // the network is in the state already
    expect(emulator.calls.list({ service: 'vpc-lattice' })).toHaveLength(2);
  });

  it('RAM is served on the same endpoint and sees Lattice resources', async () => {
    const lattice = new VPCLatticeClient({ endpoint: emulator.endpoint, region: REGION, credentials: networkCreds });
    const network = await lattice.send(new CreateServiceNetworkCommand({ name: 'trellis-shared', clientToken: 'sn-shared' }));
    const ram = new RAMClient({ endpoint: emulator.endpoint, region: REGION, credentials: networkCreds });
    const share = await ram.send(
      new CreateResourceShareCommand({ name: 'trellis-tenant-a', resourceArns: [network.arn!], principals: [CLUSTERS] }),
    );
    expect(share.resourceShare?.owningAccountId).toBe(NETWORK);
    expect(emulator.calls.list({ service: 'ram' })[0]).toMatchObject({ operation: 'CreateResourceShare', mutating: true, status: 200 });
  });

  it('the admin endpoint adds faults and reads the call log over HTTP', async () => {
    const added = await fetch(`${emulator.endpoint}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'throttle', service: 'sts', count: 1 }),
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ id: expect.stringMatching(/^fault-/) as unknown, kind: 'throttle', hits: 0 });
    await stsClient(emulator.endpoint, HUB_USER_KEY).send(new GetCallerIdentityCommand({}));
    const calls = (await (await fetch(`${emulator.endpoint}/_emulator/calls?service=sts`)).json()) as { calls: Array<{ status: number }> };
    expect(calls.calls.map((c) => c.status)).toEqual([400, 200]);
    const invalid = await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'POST', body: '{"kind":"explode"}' });
    expect(invalid.status).toBe(400);
    expect((await (await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'DELETE' })).json())).toEqual({ faults: [] });
  });
});
