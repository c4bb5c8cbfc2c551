import type { KubernetesObject } from '@kubernetes/client-node';
import { isKnownError, RequeueAfter } from '@trellis/core';
import { ensureFinalizer, type ObjectKey, type ResourceRef } from '@trellis/kube';
import type { ReconcileContext, ReconcileOutcome } from '@trellis/queue';
import type { HubContext } from '../hub-context.ts';
import { describeFailure } from './failures.ts';
import { ReconcileScope } from './reconcile-scope.ts';
import { patchStatusIfChanged } from './status-writer.ts';

type StatusObject = KubernetesObject & { status?: object };

export interface Phase<S> {
  name: string;
  /** the condition a failure of this phase is reported on */
  condition: string;
  run: (hub: HubContext, scope: S) => Promise<void>;
}

export interface ObjectReconciler<T extends StatusObject, S extends ReconcileScope<T>> {
  ref: ResourceRef;
  finalizer: string;
  phases: readonly Phase<S>[];
  /** conditions that must all be True for Ready */
  readyDependsOn: readonly string[];
  reconcileDelete: (object: T, context: ReconcileContext) => Promise<ReconcileOutcome>;
  /** after all phases succeeded: e.g. ask to come back sooner */
  afterPhases?: (scope: S) => ReconcileOutcome;
}

/**
 * The one reconcile shape (Cluster API's): get (gone → done) → deleting? clean up → ensure the
 * finalizer → run phases over a scope → in `finally`, write conditions and status. A phase's
 * failure becomes a False condition with the failure's reason, then the error the queue acts on.
 */
export async function reconcileObject<T extends StatusObject, S extends ReconcileScope<T>>(
  hub: HubContext,
  reconciler: ObjectReconciler<T, S>,
  key: ObjectKey,
  context: ReconcileContext,
): Promise<ReconcileOutcome> {
  const object = await hub.mgmt.get<T>(reconciler.ref, key);
  if (object === undefined) return;
  if (object.metadata?.deletionTimestamp) {
    if (!object.metadata.finalizers?.includes(reconciler.finalizer)) return;
    return reconciler.reconcileDelete(object, context);
  }
  if (!object.metadata?.finalizers?.includes(reconciler.finalizer)) {
    await ensureFinalizer(hub.mgmt, reconciler.ref, object, reconciler.finalizer);
    return; // the update event brings us back with the new resourceVersion
  }
  const scope = new ReconcileScope(object, hub.now()) as S;
  let completed = false;
  try {
    await runPhases(hub, reconciler.phases, scope);
    completed = true;
    return reconciler.afterPhases?.(scope);
  } finally {
    await patchStatusIfChanged(
      hub.mgmt,
      reconciler.ref,
      object,
      scope.finalStatus(reconciler.readyDependsOn, completed),
    );
  }
}

async function runPhases<S extends ReconcileScope<StatusObject>>(
  hub: HubContext,
  phases: readonly Phase<S>[],
  scope: S,
): Promise<void> {
  for (const phase of phases) {
    try {
      await phase.run(hub, scope);
    } catch (error) {
      // Phases that set their own condition say so by throwing these.
      if (error instanceof RequeueAfter || (isKnownError(error) && error.kind === 'validation'))
        throw error;
      const failure = describeFailure(error);
      scope.setCondition({
        type: phase.condition,
        status: 'False',
        reason: failure.reason,
        message: failure.message,
      });
      throw failure.next;
    }
  }
}

/**
 * Deletion's failure path: record why clean-up is stuck on a `Deleting` condition, then hand
 * the queue the error to act on (RequeueAfter passes through unchanged).
 */
export async function reportDeletionFailure<T extends StatusObject>(
  hub: HubContext,
  ref: ResourceRef,
  scope: ReconcileScope<T>,
  error: unknown,
): Promise<never> {
  if (error instanceof RequeueAfter) {
    await patchStatusIfChanged(hub.mgmt, ref, scope.object, scope.finalStatus(['Deleting'], false));
    throw error;
  }
  const failure = describeFailure(error);
  scope.setCondition({
    type: 'Deleting',
    status: 'False',
    reason: failure.reason,
    message: failure.message,
  });
  await patchStatusIfChanged(hub.mgmt, ref, scope.object, scope.finalStatus(['Deleting'], false));
  throw failure.next;
}
