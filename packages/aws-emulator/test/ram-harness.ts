// Starts the real aws-emulator (core server: SigV4, identity) with Lattice and RAM wired to each
// other the way the server is expected to wire them: RAM resolves Lattice ARNs, Lattice asks RAM
// whether a service network is shared. Accounts are implicit (LocalStack convention: a 12-digit
// access key id is that account's root, secret `test`), so any account can call.
import { RAMClient } from '@aws-sdk/client-ram';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator } from '../src/index.ts';
import { createLatticeService } from '../src/lattice/index.ts';
import type { LatticeService } from '../src/lattice/index.ts';
import { createRamService } from '../src/ram/index.ts';
import type { RamService } from '../src/ram/index.ts';

export const REGION = 'us-west-2';

export interface RamWorld {
  emulator: AwsEmulator;
  clock: AdjustableClock;
  ram: RamService;
  lattice: LatticeService;
  ramClient(accountId: string): RAMClient;
  latticeClient(accountId: string): VPCLatticeClient;
  close(): Promise<void>;
}

export async function startRamWorld(
  options: { consistencyDelayMs?: number } = {},
): Promise<RamWorld> {
  const clock = new AdjustableClock();
  const emulator = await startAwsEmulator({ clock });
  const delay = (): number => options.consistencyDelayMs ?? 0;
  // RAM and Lattice depend on each other; RAM's resolver reaches Lattice through this reference.
  const latticeRef: { current?: LatticeService } = {};
  const ram = createRamService({
    accounts: emulator.accounts,
    clock,
    resolver: { resolve: (arn) => latticeRef.current?.resolve(arn) },
    consistencyDelayMs: delay,
  });
  const lattice = createLatticeService({
    accounts: emulator.accounts,
    clock,
    shares: ram,
    consistencyDelayMs: delay,
  });
  emulator.registerService(ram, { replace: true });
  latticeRef.current = lattice;
  emulator.registerService(lattice, { replace: true });

  const clients: { destroy(): void }[] = [];
  const credentials = (accountId: string) => ({ accessKeyId: accountId, secretAccessKey: 'test' });
  return {
    emulator,
    clock,
    ram,
    lattice,
    ramClient(accountId) {
      const client = new RAMClient({
        endpoint: emulator.endpoint,
        region: REGION,
        credentials: credentials(accountId),
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    latticeClient(accountId) {
      const client = new VPCLatticeClient({
        endpoint: emulator.endpoint,
        region: REGION,
        credentials: credentials(accountId),
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await emulator.stop();
    },
  };
}

/** The rejection of a promise, for asserting on SDK error names and HTTP statuses. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}
