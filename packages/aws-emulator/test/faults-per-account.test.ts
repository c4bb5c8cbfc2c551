// Consistency faults scoped to one account reach the Lattice and RAM modules: each passes the
// caller's account to the emulator's consistencyDelayMs, so only that account's writes lag.
import {
  CreateResourceShareCommand,
  GetResourceShareAssociationsCommand,
  RAMClient,
} from '@aws-sdk/client-ram';
import {
  CreateServiceNetworkCommand,
  CreateServiceNetworkVpcAssociationCommand,
  GetServiceNetworkVpcAssociationCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator } from '../src/index.ts';

const SLOW = '111111111111';
const FAST = '222222222222';
const REGION = 'us-west-2';
const DELAY_MS = 5 * 60_000;

let emulator: AwsEmulator | undefined;
const clients: { destroy(): void }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await emulator?.stop();
});

/** Implicit accounts (no seed): the 12-digit key id is the account's root, secret "test". */
function client<T extends { destroy(): void }>(
  Client: new (config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } }) => T,
  accountId: string,
): T {
  const made = new Client({ endpoint: emulator!.endpoint, region: REGION, credentials: { accessKeyId: accountId, secretAccessKey: 'test' } });
  clients.push(made);
  return made;
}

async function associateVpc(accountId: string, vpcId: string): Promise<() => Promise<string | undefined>> {
  const lattice = client(VPCLatticeClient, accountId);
  const network = await lattice.send(new CreateServiceNetworkCommand({ name: `net-${accountId}` }));
  const association = await lattice.send(
    new CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: network.id, vpcIdentifier: vpcId }),
  );
  return async () =>
    (await lattice.send(new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: association.id }))).status;
}

async function shareNetwork(accountId: string, principal: string): Promise<() => Promise<string | undefined>> {
  const network = await client(VPCLatticeClient, accountId).send(new CreateServiceNetworkCommand({ name: `shared-${accountId}` }));
  const ram = client(RAMClient, accountId);
  const share = await ram.send(
    new CreateResourceShareCommand({ name: `share-${accountId}`, resourceArns: [network.arn!], principals: [principal] }),
  );
  return async () =>
    (
      await ram.send(
        new GetResourceShareAssociationsCommand({
          associationType: 'RESOURCE',
          resourceShareArns: [share.resourceShare!.resourceShareArn!],
        }),
      )
    ).resourceShareAssociations?.[0]?.status;
}

describe('consistency faults for one account', () => {
  it('delay that account’s Lattice associations only', async () => {
    const clock = new AdjustableClock();
    emulator = await startAwsEmulator({ clock });
    emulator.faults.consistencyDelay({ service: 'vpc-lattice', delayMs: 0 });
    emulator.faults.consistencyDelay({
      service: 'vpc-lattice',
      operation: 'CreateServiceNetworkVpcAssociation',
      accountId: SLOW,
      delayMs: DELAY_MS,
    });
    const slow = await associateVpc(SLOW, 'vpc-0a0a0a0a0a0a0a0a0');
    const fast = await associateVpc(FAST, 'vpc-0b0b0b0b0b0b0b0b0');
    expect(await slow()).toBe('CREATE_IN_PROGRESS');
    expect(await fast()).toBe('ACTIVE');
    clock.advance(DELAY_MS);
    expect(await slow()).toBe('ACTIVE');
  });

  it('delay that account’s RAM associations only', async () => {
    const clock = new AdjustableClock();
    emulator = await startAwsEmulator({ clock });
    emulator.faults.consistencyDelay({ service: 'ram', accountId: SLOW, delayMs: DELAY_MS });
    const slow = await shareNetwork(SLOW, FAST);
    const fast = await shareNetwork(FAST, SLOW);
    expect(await slow()).toBe('ASSOCIATING');
    expect(await fast()).toBe('ASSOCIATED');
    clock.advance(DELAY_MS);
    expect(await slow()).toBe('ASSOCIATED');
  });
});
