// Starts the real aws-emulator (core server: SigV4, identity) with the Lattice and RAM modules
// startAwsEmulator wires to each other: RAM resolves Lattice ARNs, Lattice asks RAM whether a
// service network is shared. Accounts are implicit (LocalStack convention: a 12-digit access key
// id is that account's root, secret `test`), so any account can call.
import { RAMClient } from '@aws-sdk/client-ram';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator } from '../src/index.ts';

export const REGION = 'us-west-2';

export interface RamWorld {
  emulator: AwsEmulator;
  clock: AdjustableClock;
  ramClient(accountId: string): RAMClient;
  latticeClient(accountId: string): VPCLatticeClient;
  close(): Promise<void>;
}

export async function startRamWorld(): Promise<RamWorld> {
  const clock = new AdjustableClock();
  const emulator = await startAwsEmulator({ clock });
  const clients: { destroy(): void }[] = [];
  const credentials = (accountId: string) => ({ accessKeyId: accountId, secretAccessKey: 'test' });
  return {
    emulator,
    clock,
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
