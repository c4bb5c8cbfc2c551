// Test harness for the Lattice module: a node:http server that turns requests into AwsRequests
// for LatticeService.handle, taking the caller's account from the SigV4 access key ID
// (AKIA<12-digit account>…) and the region from the credential scope. A stepping stone until the
// core server (startAwsEmulator) can be used; signatures are not verified here.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type {
  AccountDirectory,
  AwsRequest,
  Caller,
  Clock,
  ShareVisibility,
} from '../src/core/contracts.ts';
import { createLatticeService } from '../src/lattice/index.ts';
import type { LatticeService, LatticeServiceDeps } from '../src/lattice/index.ts';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const VPC_A = 'vpc-0a0a0a0a0a0a0a0a0';
export const VPC_A2 = 'vpc-0a0a0a0a0a0a0a0a1';
export const VPC_B = 'vpc-0b0b0b0b0b0b0b0b0';

/** A directory of two accounts with VPCs, no organisation. */
export function testAccounts(): AccountDirectory {
  const vpcs: Record<string, string> = {
    [VPC_A]: ACCOUNT_A,
    [VPC_A2]: ACCOUNT_A,
    [VPC_B]: ACCOUNT_B,
  };
  return {
    accountExists: (id) => id === ACCOUNT_A || id === ACCOUNT_B,
    vpcOwner: (vpcId) => vpcs[vpcId],
    organizationOf: () => undefined,
    organizationSharingEnabled: () => false,
  };
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.#now = start;
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

/** Shares a test grants by hand: resource ARN → account IDs. */
export class TestShares implements ShareVisibility {
  readonly #shared = new Map<string, Set<string>>();
  share(arn: string, accountId: string): void {
    const set = this.#shared.get(arn) ?? new Set<string>();
    set.add(accountId);
    this.#shared.set(arn, set);
  }
  isSharedWith(resourceArn: string, accountId: string): boolean {
    return this.#shared.get(resourceArn)?.has(accountId) ?? false;
  }
}

export function callerFor(accountId: string): Caller {
  return {
    accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    accessKeyId: `AKIA${accountId}`,
    kind: 'root',
  };
}

export interface Harness {
  lattice: LatticeService;
  clock: ManualClock;
  shares: TestShares;
  endpoint: string;
  client(accountId: string, region?: string): VPCLatticeClient;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<LatticeServiceDeps> = {}): Promise<Harness> {
  const clock = new ManualClock();
  const shares = new TestShares();
  const lattice = createLatticeService({
    accounts: testAccounts(),
    clock,
    shares,
    consistencyDelayMs: () => 0,
    ...overrides,
  });
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      const credential = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(auth);
      const accessKeyId = credential?.[1] ?? 'AKIA000000000000';
      const url = new URL(req.url ?? '/', 'http://localhost');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const request: AwsRequest = {
        service: credential?.[3] ?? 'vpc-lattice',
        region: credential?.[2] ?? 'us-east-1',
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: Buffer.concat(chunks),
        caller: callerFor(accessKeyId.slice(4, 16)),
        requestId: `req-${++counter}`,
      };
      lattice.handle(request).then(
        (response) => {
          res.writeHead(response.status, response.headers);
          res.end(response.body);
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: VPCLatticeClient[] = [];
  return {
    lattice,
    clock,
    shares,
    endpoint,
    client(accountId, region = 'us-east-1') {
      const client = new VPCLatticeClient({
        endpoint,
        region,
        credentials: { accessKeyId: `AKIA${accountId}`, secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
