// One conditions helper for every Trellis resource (Cluster API style): set a condition, keeping
// lastTransitionTime unless the status actually changes, and read them back.

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  /** CamelCase, machine-readable: why the condition is in this state */
  reason: string;
  /** for a person: what is wrong and what to do */
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface ConditionUpdate {
  type: string;
  status: ConditionStatus;
  reason: string;
  message?: string;
  observedGeneration?: number;
}

/**
 * Returns a new list with `update` applied. lastTransitionTime moves only when the status
 * changes, so "since when is it broken" stays true across reconciles.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: Date,
): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === update.type);
  const previous = index >= 0 ? list[index] : undefined;
  const next: Condition = {
    type: update.type,
    status: update.status,
    reason: update.reason,
    message: update.message ?? '',
    lastTransitionTime:
      previous !== undefined && previous.status === update.status
        ? previous.lastTransitionTime
        : now.toISOString(),
    ...(update.observedGeneration !== undefined
      ? { observedGeneration: update.observedGeneration }
      : {}),
  };
  if (index >= 0) list[index] = next;
  else list.push(next);
  return list;
}

export function getCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isConditionTrue(
  conditions: readonly Condition[] | undefined,
  type: string,
): boolean {
  return getCondition(conditions, type)?.status === 'True';
}

export function removeCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/**
 * Ready summarises the given dependency conditions: True when all are True; otherwise it carries
 * the reason and message of the first that is not (False wins over Unknown), so `kubectl get`
 * shows the actual blocker.
 */
export function summarizeReady(
  conditions: readonly Condition[] | undefined,
  dependsOn: readonly string[],
): ConditionUpdate {
  const notTrue = dependsOn
    .map((type) => getCondition(conditions, type) ?? missing(type))
    .filter((c) => c.status !== 'True');
  const blocker = notTrue.find((c) => c.status === 'False') ?? notTrue[0];
  if (blocker === undefined) return { type: 'Ready', status: 'True', reason: 'Ready', message: '' };
  return {
    type: 'Ready',
    status: blocker.status,
    reason: blocker.reason,
    message: `${blocker.type}: ${blocker.message}`.replace(/: $/, ''),
  };
}

function missing(type: string): Condition {
  return {
    type,
    status: 'Unknown',
    reason: 'NotYetReconciled',
    message: 'not reconciled yet',
    lastTransitionTime: '',
  };
}
