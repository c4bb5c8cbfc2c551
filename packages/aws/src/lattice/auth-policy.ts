import {
  DeleteAuthPolicyCommand,
  GetAuthPolicyCommand,
  PutAuthPolicyCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall, isAwsNotFound } from '../clients/aws-errors.ts';

/** Canonical JSON (sorted keys) so equal policies compare equal however they were written. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function currentPolicy(
  lattice: VPCLatticeClient,
  resource: string,
): Promise<string | undefined> {
  try {
    const out = await lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: resource }));
    return out.policy === undefined || out.policy === '' ? undefined : out.policy;
  } catch (error) {
    if (isAwsNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Make the auth policy on a service network or service equal `policy` (undefined removes it).
 * Returns whether it changed anything.
 */
export async function ensureAuthPolicy(
  lattice: VPCLatticeClient,
  resourceIdentifier: string,
  policy: unknown,
): Promise<boolean> {
  const current = await awsCall('GetAuthPolicy', () => currentPolicy(lattice, resourceIdentifier));
  const currentCanonical = current === undefined ? undefined : canonical(JSON.parse(current));
  const desiredCanonical = policy === undefined ? undefined : canonical(policy);
  if (currentCanonical === desiredCanonical) return false;
  if (policy === undefined) {
    await awsCall('DeleteAuthPolicy', () =>
      lattice.send(new DeleteAuthPolicyCommand({ resourceIdentifier })),
    );
  } else {
    await awsCall('PutAuthPolicy', () =>
      lattice.send(
        new PutAuthPolicyCommand({ resourceIdentifier, policy: JSON.stringify(policy) }),
      ),
    );
  }
  return true;
}
