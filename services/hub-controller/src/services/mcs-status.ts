// ServiceExport conditions (Valid, Conflict, Ready) in each reachable exporting cluster, written
// only when they change, so a steady-state reconcile writes nothing.
import { planExportStatuses } from '@trellis/core';
import { ServiceExports } from '@trellis/kube';
import type { HubContext } from '../hub-context.ts';
import { patchStatusIfChanged } from '../runtime/status-writer.ts';
import { memberClient, type MultiClusterServiceScope } from './mcs-scope.ts';

export async function writeExportStatuses(
  hub: HubContext,
  scope: MultiClusterServiceScope,
): Promise<void> {
  const { liveObjects, members } = scope.observed;
  const statuses = planExportStatuses({
    exports: scope.observed.exports,
    desired: scope.desired,
    ...(scope.apply !== undefined ? { apply: scope.apply } : {}),
    previous: new Map(
      [...liveObjects].map(([cluster, o]) => [cluster, o.status?.conditions ?? []] as const),
    ),
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
}
