// What every manager in this folder shares: reading a resource's tags, deciding ownership from
// them, and idempotency tokens that stay valid when the intent changes.
import { ListTagsForResourceCommand, type VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { awsCall } from '../../clients/aws-errors.ts';
import { clientToken } from '../../clients/client-token.ts';

/** Whether a resource's tags mark it as ours (ownership is decided by tags, never by name). */
export type IsOwned = (tags: Record<string, string> | undefined) => boolean;

export async function tagsOf(
  lattice: VPCLatticeClient,
  resourceArn: string,
): Promise<Record<string, string>> {
  const out = await awsCall('ListTagsForResource', () =>
    lattice.send(new ListTagsForResourceCommand({ resourceArn })),
  );
  return out.tags ?? {};
}

/** True when `actual` carries every one of `wanted`'s tags with the same value. */
export function carriesTags(
  actual: Readonly<Record<string, string>> | undefined,
  wanted: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(wanted).every(([k, v]) => actual?.[k] === v);
}

/** JSON with sorted keys, so equal values compare (and hash) equal however they were built. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The clientToken sent with a create: the caller's token mixed with the request itself. Lattice
 * answers a reused token with different parameters with a ConflictException, so after a resource
 * is deleted and wanted again with other settings (new weights, a new health check) the same
 * caller token must not collide; a retry of the same request still gets the same token.
 */
export function requestToken(callerToken: string, request: unknown): string {
  return clientToken(callerToken, canonicalJson(request));
}

/** The last path segment of an ARN, or the identifier itself when it is already an ID. */
export function idOf(identifier: string): string {
  return identifier.startsWith('arn:')
    ? identifier.slice(identifier.lastIndexOf('/') + 1)
    : identifier;
}

/** The account of an ARN (`arn:aws:vpc-lattice:<region>:<account>:…`). */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4];
}
