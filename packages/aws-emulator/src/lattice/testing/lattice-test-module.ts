// The Lattice module driven at the AwsRequest level, for unit tests: one account that owns two
// VPCs, a fixed clock, no consistency delays.
import { expect } from 'vitest';
import type { AwsRequest, Caller } from '../../core/contracts.ts';
import { createLatticeService } from '../index.ts';
import type { LatticeService } from '../index.ts';

export const ACCOUNT = '123456789012';
export const VPC = 'vpc-0123456789abcdef0';
export const VPC2 = 'vpc-0123456789abcdef1';

const caller: Caller = {
  accountId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  userId: ACCOUNT,
  accessKeyId: 'AKIAEXAMPLE',
  kind: 'root',
};

export function service(): LatticeService {
  return createLatticeService({
    accounts: {
      accountExists: () => true,
      vpcOwner: (vpcId) => (vpcId === VPC || vpcId === VPC2 ? ACCOUNT : undefined),
      organizationOf: () => undefined,
      organizationSharingEnabled: () => false,
      organizationalUnitsOf: () => [],
      managementAccountOf: () => undefined,
    },
    clock: { now: () => new Date('2026-03-01T12:00:00Z') },
    consistencyDelayMs: () => 0,
  });
}

export async function call(
  lattice: LatticeService,
  method: string,
  path: string,
  body?: unknown,
  query = '',
): Promise<{
  status: number;
  headers: Record<string, string>;
  json: Record<string, unknown> | undefined;
  operation?: string;
  mutating?: boolean;
}> {
  const operations: string[] = [];
  const request: AwsRequest = {
    service: 'vpc-lattice',
    region: 'us-east-1',
    method,
    path,
    query: new URLSearchParams(query),
    headers: {},
    body: Buffer.from(
      body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    ),
    caller,
    requestId: 'req-1',
    setOperation: (name) => operations.push(name),
  };
  const response = await lattice.handle(request);
  const text = response.body?.toString() ?? '';
  expect(operations).toEqual(response.operation ? [response.operation] : []);
  return {
    status: response.status,
    headers: response.headers ?? {},
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    ...(response.operation === undefined ? {} : { operation: response.operation }),
    ...(response.mutating === undefined ? {} : { mutating: response.mutating }),
  };
}
