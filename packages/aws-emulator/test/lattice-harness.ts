// Test harness for the Lattice module: the real aws-emulator server (SigV4 verification, seeded
// identities, RAM wired to Lattice) with SDK clients per account. Each account signs with its
// seeded root access key; VPCs belong to the accounts the seed says; both accounts share an
// organisation with RAM sharing enabled, so share() takes effect without an invitation.
import { CreateResourceShareCommand, RAMClient } from '@aws-sdk/client-ram';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator, Seed } from '../src/index.ts';
import type { LatticeQuotas, LatticeService } from '../src/lattice/index.ts';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const VPC_A = 'vpc-0a0a0a0a0a0a0a0a0';
export const VPC_A2 = 'vpc-0a0a0a0a0a0a0a0a1';
export const VPC_B = 'vpc-0b0b0b0b0b0b0b0b0';

const KEYS: Record<string, { accessKeyId: string; secretAccessKey: string }> = {
  [ACCOUNT_A]: { accessKeyId: 'AKIALATTICEACCOUNTA1', secretAccessKey: 'lattice-a-secret' },
  [ACCOUNT_B]: { accessKeyId: 'AKIALATTICEACCOUNTB1', secretAccessKey: 'lattice-b-secret' },
};

const seed: Seed = {
  accounts: [
    {
      id: ACCOUNT_A,
      name: 'lattice-a',
      rootAccessKeys: [KEYS[ACCOUNT_A]],
      vpcs: [{ id: VPC_A }, { id: VPC_A2 }],
    },
    { id: ACCOUNT_B, name: 'lattice-b', rootAccessKeys: [KEYS[ACCOUNT_B]], vpcs: [{ id: VPC_B }] },
  ],
  organizations: [
    { id: 'o-latticetest01', accounts: [ACCOUNT_A, ACCOUNT_B], ramSharingEnabled: true },
  ],
};

export interface HarnessOptions {
  quotas?: Partial<LatticeQuotas>;
  /** consistency delays per Lattice operation (ms); every other operation completes at once */
  delays?: Record<string, number>;
}

export interface Harness {
  emulator: AwsEmulator;
  lattice: LatticeService;
  clock: AdjustableClock;
  client(accountId: string, region?: string): VPCLatticeClient;
  /** share a service network or service with another account through RAM */
  share(ownerAccountId: string, resourceArn: string, withAccountId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new AdjustableClock();
  const emulator = await startAwsEmulator({
    seed,
    clock,
    lattice: { quotas: options.quotas ?? {} },
  });
  // Without rules the module keeps its own defaults (associations settle after ~1.5 s); tests
  // say exactly which operations take time.
  emulator.faults.consistencyDelay({ service: 'vpc-lattice', delayMs: 0 });
  for (const [operation, delayMs] of Object.entries(options.delays ?? {})) {
    emulator.faults.consistencyDelay({ service: 'vpc-lattice', operation, delayMs });
  }
  const clients: { destroy(): void }[] = [];
  const credentials = (accountId: string) => {
    const key = KEYS[accountId];
    if (!key) throw new Error(`no test credentials for account ${accountId}`);
    // a copy: the SDK marks the credentials object it is given ($source), and the seed must stay valid
    return { ...key };
  };
  return {
    emulator,
    lattice: emulator.lattice.service,
    clock,
    client(accountId, region = 'us-east-1') {
      const client = new VPCLatticeClient({
        endpoint: emulator.endpoint,
        region,
        credentials: credentials(accountId),
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async share(ownerAccountId, resourceArn, withAccountId) {
      const region = resourceArn.split(':')[3];
      const ram = new RAMClient({
        endpoint: emulator.endpoint,
        region,
        credentials: credentials(ownerAccountId),
        maxAttempts: 1,
      });
      clients.push(ram);
      await ram.send(
        new CreateResourceShareCommand({
          name: `share-${resourceArn.slice(resourceArn.lastIndexOf('/') + 1)}-${withAccountId}`,
          resourceArns: [resourceArn],
          principals: [withAccountId],
        }),
      );
    },
    async close() {
      for (const c of clients) c.destroy();
      await emulator.stop();
    },
  };
}
