// The registered targets of one IP target group, made equal to the desired endpoints: list
// (paginated), diff, then RegisterTargets before DeregisterTargets (capacity never dips while old
// pods drain), each in calls of at most 100 targets, the API's limit.
import {
  DeregisterTargetsCommand,
  paginateListTargets,
  RegisterTargetsCommand,
  type TargetFailure,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { diffTargets, LATTICE_TARGETS_PER_CALL, targetBatches, type Target } from '@trellis/core';
import { awsCall } from '../../clients/aws-errors.ts';

export interface TargetSyncResult {
  registered: Target[];
  deregistered: Target[];
  /** RegisterTargets + DeregisterTargets calls made (0 at steady state) */
  calls: number;
  /**
   * Targets by Lattice status after the sync, from the ListTargets made for the diff: new ones
   * count as INITIAL, deregistered ones as DRAINING (no further call is made to confirm).
   */
  health: Record<string, number>;
}

/** Count targets by status (DRAINING, HEALTHY, ...). */
export function countTargetStatuses(
  targets: readonly { status: string }[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of targets) counts[t.status] = (counts[t.status] ?? 0) + 1;
  return counts;
}

export interface TargetFailureItem {
  operation: 'RegisterTargets' | 'DeregisterTargets';
  id: string;
  port: number | undefined;
  failureCode: string;
  failureMessage: string;
}

/**
 * Some targets of a batch were refused (the call itself succeeded). Every batch was still sent,
 * so the group holds everything that could be applied; `failures` lists the rest.
 */
export class TargetSyncError extends Error {
  readonly targetGroupId: string;
  readonly failures: TargetFailureItem[];
  readonly result: TargetSyncResult;

  constructor(targetGroupId: string, failures: TargetFailureItem[], result: TargetSyncResult) {
    const shown = failures
      .slice(0, 5)
      .map((f) => `${f.id}:${f.port ?? '-'} ${f.failureCode} (${f.failureMessage})`)
      .join('; ');
    const more = failures.length > 5 ? `; and ${failures.length - 5} more` : '';
    super(
      `${failures.length} target(s) of target group ${targetGroupId} could not be applied: ${shown}${more}`,
    );
    this.name = 'TargetSyncError';
    this.targetGroupId = targetGroupId;
    this.failures = failures;
    this.result = result;
  }
}

export interface RegisteredTarget extends Target {
  /** DRAINING | UNAVAILABLE | HEALTHY | UNHEALTHY | INITIAL | UNUSED */
  status: string;
  reasonCode?: string;
}

/** Every target of the group with its status, all pages. */
export async function listTargets(
  lattice: VPCLatticeClient,
  targetGroupIdentifier: string,
): Promise<RegisteredTarget[]> {
  return awsCall('ListTargets', async () => {
    const out: RegisteredTarget[] = [];
    for await (const page of paginateListTargets({ client: lattice }, { targetGroupIdentifier })) {
      for (const t of page.items ?? []) {
        if (t.id === undefined || t.port === undefined) continue;
        out.push({
          id: t.id,
          port: t.port,
          status: t.status ?? 'UNKNOWN',
          ...(t.reasonCode !== undefined ? { reasonCode: t.reasonCode } : {}),
        });
      }
    }
    return out;
  });
}

function failuresOf(
  operation: TargetFailureItem['operation'],
  unsuccessful: TargetFailure[] | undefined,
): TargetFailureItem[] {
  return (unsuccessful ?? []).map((f) => ({
    operation,
    id: f.id ?? '',
    port: f.port,
    failureCode: f.failureCode ?? 'Unknown',
    failureMessage: f.failureMessage ?? '',
  }));
}

/**
 * Make the group's targets equal `desired`. DRAINING targets count as gone: a desired target that
 * is draining is registered again (which cancels the deregistration), one that is not desired is
 * left to finish draining. A deregistration answered with TargetNotFound is already done.
 * Throws TargetSyncError, after sending every batch, when the API refused some targets.
 */
export async function syncTargets(
  lattice: VPCLatticeClient,
  targetGroupId: string,
  desired: readonly Target[],
): Promise<TargetSyncResult> {
  const listed = await listTargets(lattice, targetGroupId);
  const current = listed
    .filter((t) => t.status !== 'DRAINING')
    .map((t) => ({ id: t.id, port: t.port }));
  const diff = diffTargets(current, desired);
  const failures: TargetFailureItem[] = [];
  const result: TargetSyncResult = { registered: [], deregistered: [], calls: 0, health: {} };
  const failedKeys = new Set<string>();
  const key = (t: { id: string; port: number | undefined }) => `${t.id}|${t.port ?? ''}`;

  for (const batch of targetBatches(diff.register, LATTICE_TARGETS_PER_CALL)) {
    const out = await awsCall('RegisterTargets', () =>
      lattice.send(
        new RegisterTargetsCommand({ targetGroupIdentifier: targetGroupId, targets: batch }),
      ),
    );
    result.calls += 1;
    const refused = failuresOf('RegisterTargets', out.unsuccessful);
    for (const f of refused) failedKeys.add(key(f));
    failures.push(...refused);
    result.registered.push(...batch.filter((t) => !failedKeys.has(key(t))));
  }
  for (const batch of targetBatches(diff.deregister, LATTICE_TARGETS_PER_CALL)) {
    const out = await awsCall('DeregisterTargets', () =>
      lattice.send(
        new DeregisterTargetsCommand({ targetGroupIdentifier: targetGroupId, targets: batch }),
      ),
    );
    result.calls += 1;
    const refused = failuresOf('DeregisterTargets', out.unsuccessful).filter(
      (f) => f.failureCode !== 'TargetNotFound',
    );
    for (const f of refused) failedKeys.add(key(f));
    failures.push(...refused);
    result.deregistered.push(...batch.filter((t) => !failedKeys.has(key(t))));
  }
  const after = new Map(listed.map((t) => [key(t), t.status]));
  for (const t of result.registered) after.set(key(t), 'INITIAL');
  for (const t of result.deregistered) if (after.has(key(t))) after.set(key(t), 'DRAINING');
  result.health = countTargetStatuses([...after.values()].map((status) => ({ status })));
  if (failures.length > 0) throw new TargetSyncError(targetGroupId, failures, result);
  return result;
}
