// ServiceExport conditions (Valid, Conflict, Ready, Degraded) in each reachable exporting
// cluster, written only when they change, so a steady-state reconcile writes nothing. The
// conditions of every export (unreachable clusters' too) are returned for the read model.
import { planExportStatuses, type Condition } from '@trellis/core';
import { ServiceExports } from '@trellis/kube';
import type { HubContext } from '../hub-context.ts';
import { patchStatusIfChanged } from '../runtime/status-writer.ts';
import { readModelOf } from './mcs-read-model.ts';
import { memberClient, type MultiClusterServiceScope } from './mcs-scope.ts';

export async function writeExportStatuses(
  hub: HubContext,
  scope: MultiClusterServiceScope,
): Promise<Map<string, Condition[]>> {
  const { liveObjects, members } = scope.observed;
  // an unreachable cluster's conditions live on in the read model (its lastTransitionTimes hold)
  const recorded = readModelOf(hub, scope.observed.key)?.status?.clusters ?? [];
  const previous = new Map<string, readonly Condition[]>(
    recorded.map((c) => [c.name, c.conditions] as const),
  );
  for (const [cluster, o] of liveObjects) previous.set(cluster, o.status?.conditions ?? []);
  const statuses = planExportStatuses({
    exports: scope.observed.exports,
    desired: scope.desired,
    ...(scope.apply !== undefined ? { apply: scope.apply } : {}),
    previous,
    now: scope.now,
  });
  for (const [cluster, object] of liveObjects) {
    const conditions = statuses.get(cluster);
    const member = members.find((m) => m.name === cluster);
    const client = member && memberClient(hub, member);
    if (conditions === undefined || client === undefined) continue;
    await patchStatusIfChanged(client, ServiceExports, object, {
      ...(object.status ?? {}),
      conditions,
    });
  }
  return statuses;
}
