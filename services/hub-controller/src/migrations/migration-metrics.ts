// Prometheus metrics of the migration executor, on the hub's registry.
import { MIGRATION_PHASES, type MigrationPhase } from '@trellis/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface MigrationMetrics {
  /** an action of the state machine performed (Validate, CheckGate, ApplyWeights, …) */
  actionDuration: Histogram<'action'>;
  /** a step from its intent to the end of its hold (or the jump past it) */
  stepDuration: Histogram<'step'>;
  gateChecks: Counter<'result'>;
  weightWrites: Counter<'kind' | 'result'>;
}

function single<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function migrationMetrics(
  registry: Registry,
  phases: () => Iterable<MigrationPhase>,
): MigrationMetrics {
  single(
    registry,
    'trellis_migrations',
    () =>
      new Gauge<'phase'>({
        name: 'trellis_migrations',
        help: 'ClusterMigrations per phase (from the hub informer cache).',
        labelNames: ['phase'],
        registers: [registry],
        collect() {
          const counts = new Map<string, number>(MIGRATION_PHASES.map((p) => [p, 0]));
          for (const phase of phases()) counts.set(phase, (counts.get(phase) ?? 0) + 1);
          for (const [phase, count] of counts) this.set({ phase }, count);
        },
      }),
  );
  return {
    actionDuration: single(
      registry,
      'trellis_migration_action_duration_seconds',
      () =>
        new Histogram<'action'>({
          name: 'trellis_migration_action_duration_seconds',
          help: 'Time to perform one migration action (validate, gate check, weight write, finish).',
          labelNames: ['action'],
          buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers: [registry],
        }),
    ),
    stepDuration: single(
      registry,
      'trellis_migration_step_duration_seconds',
      () =>
        new Histogram<'step'>({
          name: 'trellis_migration_step_duration_seconds',
          help: 'Time from a step’s weight intent to the end of its hold.',
          labelNames: ['step'],
          buckets: [1, 5, 30, 60, 300, 600, 1800, 3600, 7200],
          registers: [registry],
        }),
    ),
    gateChecks: single(
      registry,
      'trellis_migration_gate_checks_total',
      () =>
        new Counter<'result'>({
          name: 'trellis_migration_gate_checks_total',
          help: 'Health-gate measurements by result (healthy, unhealthy, error).',
          labelNames: ['result'],
          registers: [registry],
        }),
    ),
    weightWrites: single(
      registry,
      'trellis_migration_weight_writes_total',
      () =>
        new Counter<'kind' | 'result'>({
          name: 'trellis_migration_weight_writes_total',
          help: 'Migration weight writes (through the multi-cluster service reconcile) by kind and result.',
          labelNames: ['kind', 'result'],
          registers: [registry],
        }),
    ),
  };
}
