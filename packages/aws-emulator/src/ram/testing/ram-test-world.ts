// A small world for RAM unit tests: accounts and organisations, Lattice-like resources behind a
// ShareableResourceResolver (the contract's other side), a movable clock, and a `call` that
// sends one operation as the server would (restJson1 path, JSON body, authenticated caller).
import type {
  AccountDirectory,
  AwsRequest,
  Clock,
  ShareableResource,
  ShareableResourceResolver,
} from '../../core/contracts.ts';
import { AwsError } from '../../core/contracts.ts';
import type { RamService } from '../ram-service.ts';
import { createRamService } from '../ram-service.ts';

export const REGION = 'us-west-2';
export const OWNER = '111111111111';
export const RECEIVER = '222222222222';
export const ORG_MEMBER = '333333333333';
export const OUTSIDER = '444444444444';
export const ORG_ID = 'o-abcdef1234';

export class MovableClock implements Clock {
  #now = new Date('2026-11-23T12:00:00Z');
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

export interface WorldOptions {
  /** organisation of each account; accounts not listed are in no organisation */
  organizations?: Record<string, string>;
  sharingEnabled?: boolean;
  consistencyDelayMs?: number;
  /** organisational units of each account; none by default */
  organizationalUnits?: Record<string, string[]>;
  /** management account of every organisation; default OWNER */
  managementAccount?: string;
}

export interface CallOptions {
  method?: string;
  query?: Record<string, string>;
  region?: string;
}

export interface World {
  ram: RamService;
  clock: MovableClock;
  resources: Map<string, ShareableResource>;
  addServiceNetwork(owner: string, suffix?: string): string;
  call(
    account: string,
    operation: string,
    body?: unknown,
    options?: CallOptions,
  ): Promise<Record<string, unknown>>;
  /** the modelled error a call fails with (the test fails if it succeeds) */
  fail(
    account: string,
    operation: string,
    body?: unknown,
    options?: CallOptions,
  ): Promise<AwsError>;
}

export function createWorld(options: WorldOptions = {}): World {
  const organizations = options.organizations ?? { [OWNER]: ORG_ID, [ORG_MEMBER]: ORG_ID };
  const accounts: AccountDirectory = {
    accountExists: (accountId) => /^\d{12}$/.test(accountId) && accountId !== '999999999999',
    vpcOwner: () => undefined,
    organizationOf: (accountId) => organizations[accountId],
    organizationSharingEnabled: () => options.sharingEnabled ?? true,
    organizationalUnitsOf: (accountId) => options.organizationalUnits?.[accountId] ?? [],
    managementAccountOf: (organizationId) =>
      Object.values(organizations).includes(organizationId)
        ? (options.managementAccount ?? OWNER)
        : undefined,
  };
  const resources = new Map<string, ShareableResource>();
  const resolver: ShareableResourceResolver = { resolve: (arn) => resources.get(arn) };
  const clock = new MovableClock();
  const ram = createRamService({
    accounts,
    clock,
    resolver,
    consistencyDelayMs: () => options.consistencyDelayMs ?? 0,
  });
  let counter = 0;

  const call: World['call'] = async (account, operation, body = {}, callOptions = {}) => {
    const query = new URLSearchParams(callOptions.query ?? {});
    const request: AwsRequest = {
      service: 'ram',
      region: callOptions.region ?? REGION,
      method: callOptions.method ?? 'POST',
      path: `/${operation.toLowerCase()}`,
      query,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(callOptions.method === 'DELETE' ? '' : JSON.stringify(body)),
      caller: {
        accountId: account,
        arn: `arn:aws:iam::${account}:root`,
        userId: account,
        accessKeyId: `AKIA${account}`,
        kind: 'root',
      },
      requestId: `req-${++counter}`,
    };
    const response = await ram.handle(request);
    return JSON.parse(String(response.body)) as Record<string, unknown>;
  };

  return {
    ram,
    clock,
    resources,
    addServiceNetwork(owner, suffix = String(resources.size).padStart(17, '0')) {
      const arn = `arn:aws:vpc-lattice:${REGION}:${owner}:servicenetwork/sn-${suffix}`;
      resources.set(arn, {
        arn,
        ownerAccountId: owner,
        resourceType: 'vpc-lattice:ServiceNetwork',
        region: REGION,
      });
      return arn;
    },
    call,
    async fail(account, operation, body, callOptions) {
      try {
        await call(account, operation, body, callOptions);
      } catch (error) {
        if (error instanceof AwsError) return error;
        throw error;
      }
      throw new Error(`${operation} succeeded but was expected to fail`);
    },
  };
}
