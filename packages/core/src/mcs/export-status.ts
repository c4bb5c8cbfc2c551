// The ServiceExport status conditions Trellis writes in each exporting cluster: Valid, Conflict
// and Ready (the MCS v1alpha1 condition types), in metav1.Condition shape via the shared helper,
// with reasons from mcs-api where it defines them and messages that say what to do.
import { removeCondition, setCondition } from '../conditions/conditions.ts';
import type { Condition } from '../conditions/conditions.ts';
import { resolveExportConflicts } from './conflicts.ts';
import type { ExportOutcome } from './conflicts.ts';
import type { DesiredClusterState, DesiredMultiClusterService } from './plan-lattice-service.ts';
import type { ObservedExport } from './types.ts';

export const EXPORT_CONDITIONS = {
  valid: 'Valid',
  conflict: 'Conflict',
  ready: 'Ready',
  /** Trellis's own: the multi-cluster service this export belongs to is degraded */
  degraded: 'Degraded',
} as const;

/** What the adapter reports about applying the desired service; absent: not applied yet. */
export type ApplyResult = { ok: true } | { ok: false; message: string };

export interface ExportConditionsInput {
  export: ObservedExport;
  outcome: ExportOutcome;
  /** this cluster's entry in the desired service; absent when the service is to be deleted */
  clusterState?: DesiredClusterState;
  latticeServiceName?: string;
  apply?: ApplyResult;
  previous?: readonly Condition[];
  /** the service's Degraded state (DesiredMultiClusterService.degraded); absent: not degraded */
  degraded?: { reasons: readonly string[]; message: string };
  now: Date;
}

type Update = { status: 'True' | 'False' | 'Unknown'; reason: string; message: string };

function readiness(input: ExportConditionsInput): Update {
  const { outcome, clusterState: state, export: e } = input;
  if (outcome.kind === 'invalid') {
    return {
      status: 'False',
      reason: 'Invalid',
      message: `the export is not valid: ${outcome.message}`,
    };
  }
  if (outcome.kind === 'excluded') {
    return { status: 'False', reason: 'Conflict', message: outcome.conflict.message };
  }
  if (outcome.servedPorts.length === 0 || state === undefined) {
    return {
      status: 'False',
      reason: 'NoServedPorts',
      message: `none of this Service's ports can join the multi-cluster service: ${outcome.conflict?.message ?? 'no ports'}`,
    };
  }
  if (!e.clusterReachable) {
    const since = e.unreachableSince !== undefined ? ` since ${e.unreachableSince}` : '';
    return {
      status: 'Unknown',
      reason: 'ClusterUnreachable',
      message: `the hub cannot reach cluster ${e.cluster}${since}; Lattice keeps the targets registered when it was last seen`,
    };
  }
  if (input.apply === undefined) {
    return {
      status: 'Unknown',
      reason: 'Pending',
      message: 'the Lattice resources have not been applied yet',
    };
  }
  if (!input.apply.ok) {
    return { status: 'False', reason: 'LatticeApplyFailed', message: input.apply.message };
  }
  if (state.portsWithoutTargets.length > 0) {
    const ports = state.portsWithoutTargets.map((p) => (p === '' ? '(unnamed)' : p)).join(', ');
    return {
      status: 'False',
      reason: 'NoReadyEndpoints',
      message: `no ready endpoints for port(s) ${ports} in this cluster; traffic Lattice sends here on them fails until pods are ready`,
    };
  }
  if (state.weight === undefined) {
    return {
      status: 'False',
      reason: 'NotForwarded',
      message:
        "this cluster's target groups are not in the Lattice forward actions (see the service's Degraded reasons)",
    };
  }
  const via =
    input.latticeServiceName !== undefined
      ? ` through Lattice service ${input.latticeServiceName}`
      : '';
  const weight =
    state.weight === 0
      ? 'with weight 0 (drained: it gets no traffic)'
      : `with weight ${state.weight}`;
  return {
    status: 'True',
    reason: 'Ready',
    message: `serving ${outcome.servedPorts.map((p) => (p === '' ? '(unnamed)' : p)).join(', ')}${via} ${weight}`,
  };
}

/** Valid, Conflict and Ready for one export; lastTransitionTime moves only on status changes. */
export function planExportConditions(input: ExportConditionsInput): Condition[] {
  const { outcome, now } = input;
  const generation = input.export.generation;
  const g = generation !== undefined ? { observedGeneration: generation } : {};
  let conditions: Condition[] = [...(input.previous ?? [])];

  conditions = setCondition(
    conditions,
    outcome.kind === 'invalid'
      ? {
          type: EXPORT_CONDITIONS.valid,
          status: 'False',
          reason: outcome.reason,
          message: outcome.message,
          ...g,
        }
      : {
          type: EXPORT_CONDITIONS.valid,
          status: 'True',
          reason: 'Valid',
          message: 'the Service can be exported',
          ...g,
        },
    now,
  );

  if (outcome.kind === 'invalid') {
    // Conflicts are judged only between valid exports.
    conditions = removeCondition(conditions, EXPORT_CONDITIONS.conflict);
  } else {
    const conflict = outcome.conflict;
    conditions = setCondition(
      conditions,
      conflict === undefined
        ? {
            type: EXPORT_CONDITIONS.conflict,
            status: 'False',
            reason: 'NoConflicts',
            message: 'all exports of this service agree',
            ...g,
          }
        : {
            type: EXPORT_CONDITIONS.conflict,
            status: 'True',
            reason: conflict.reasons.join(','),
            message: conflict.message,
            ...g,
          },
      now,
    );
  }

  conditions = setCondition(
    conditions,
    { type: EXPORT_CONDITIONS.ready, ...readiness(input), ...g },
    now,
  );
  // Degraded describes the whole service (all its exports see it), only while it is planned.
  if (input.clusterState === undefined) {
    conditions = removeCondition(conditions, EXPORT_CONDITIONS.degraded);
  } else {
    conditions = setCondition(
      conditions,
      input.degraded === undefined
        ? {
            type: EXPORT_CONDITIONS.degraded,
            status: 'False',
            reason: 'AsExpected',
            message: 'every serving cluster is reachable and forwarded to',
            ...g,
          }
        : {
            type: EXPORT_CONDITIONS.degraded,
            status: 'True',
            reason: input.degraded.reasons.join(','),
            message: input.degraded.message,
            ...g,
          },
      now,
    );
  }
  return conditions;
}

export interface ExportStatusesInput {
  /** every observed export of the (namespace, name) */
  exports: readonly ObservedExport[];
  /** planLatticeService's result for the same exports */
  desired: DesiredMultiClusterService | undefined;
  apply?: ApplyResult;
  previous?: ReadonlyMap<string, readonly Condition[]>;
  now: Date;
}

/** Conditions for every export of a service, keyed by cluster. */
export function planExportStatuses(input: ExportStatusesInput): Map<string, Condition[]> {
  const resolution = resolveExportConflicts(input.exports);
  const out = new Map<string, Condition[]>();
  for (const e of [...input.exports].sort((a, b) =>
    a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0,
  )) {
    const state = input.desired?.clusters.find((c) => c.cluster === e.cluster);
    const outcome = state?.outcome ?? resolution.perExport.get(e.cluster);
    if (outcome === undefined) continue;
    const previous = input.previous?.get(e.cluster);
    out.set(
      e.cluster,
      planExportConditions({
        export: e,
        outcome,
        ...(state !== undefined ? { clusterState: state } : {}),
        ...(input.desired !== undefined ? { latticeServiceName: input.desired.service.name } : {}),
        ...(input.apply !== undefined ? { apply: input.apply } : {}),
        ...(previous !== undefined ? { previous } : {}),
        ...(input.desired?.degraded !== undefined ? { degraded: input.desired.degraded } : {}),
        now: input.now,
      }),
    );
  }
  return out;
}
