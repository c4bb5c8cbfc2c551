// Which split the Lattice planner must use for one service while ClusterMigrations hold it: the
// one writer of listeners (the multi-cluster service reconcile) asks this for every service.
import {
  isTerminalPhase,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
  type ServiceRef,
} from '../api/cluster-migration.ts';
import { migrationWeightOverride } from './state-machine.ts';
import type { ClusterPercentages } from './types.ts';

export interface MigrationWeightSource {
  name: string;
  spec: Pick<ClusterMigrationSpec, 'fromCluster' | 'toCluster'>;
  status?: ClusterMigrationStatus;
}

const holds = (status: ClusterMigrationStatus | undefined, service: ServiceRef): boolean =>
  (status?.services ?? []).some(
    (s) => s.namespace === service.namespace && s.name === service.name,
  );

/**
 * The split of one migration for one service: its outstanding intent (a Step or Rollback
 * `pendingWrite`, so the write the state machine asked for is the one the planner makes, however
 * often it runs), else the last weights it applied (`migrationWeightOverride`). Undefined when it
 * does not hold the service or never decided any weights.
 */
export function migrationIntendedWeights(
  migration: MigrationWeightSource,
  service: ServiceRef,
): ClusterPercentages | undefined {
  const { spec, status } = migration;
  if (status === undefined || !holds(status, service)) return undefined;
  const pending = status.pendingWrite;
  if (pending !== undefined && pending.kind !== 'Finish') {
    const toPercent = pending.weightPercent ?? 0;
    return { [spec.fromCluster]: 100 - toPercent, [spec.toCluster]: toPercent };
  }
  return migrationWeightOverride(spec, status, service);
}

/**
 * The override for a service among all migrations of its tenant: a migration that is still
 * running wins (validation lets only one hold a service at a time); otherwise the one that ended
 * last keeps its final split until it is deleted. Undefined: the export weights apply.
 */
export function serviceWeightOverride(
  migrations: readonly MigrationWeightSource[],
  service: ServiceRef,
): ClusterPercentages | undefined {
  const candidates = migrations
    .filter((m) => holds(m.status, service))
    .map((m) => ({ m, weights: migrationIntendedWeights(m, service) }))
    .filter((c) => c.weights !== undefined);
  const running = candidates.filter((c) => !isTerminalPhase(c.m.status?.phase ?? 'Pending'));
  if (running.length > 0) return running.sort(byName)[0]?.weights;
  const ended = [...candidates].sort((a, b) => {
    const at = (c: typeof a) => c.m.status?.completedAt ?? '';
    return at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : byName(a, b);
  });
  return ended[0]?.weights;
}

function byName(a: { m: MigrationWeightSource }, b: { m: MigrationWeightSource }): number {
  return a.m.name < b.m.name ? -1 : a.m.name > b.m.name ? 1 : 0;
}
