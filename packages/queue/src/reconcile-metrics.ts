import { Counter, Histogram, type Registry } from 'prom-client';

/** Prometheus metrics every reconcile queue reports; one set per registry. */
export interface ReconcileMetrics {
  reconciles: Counter<'controller' | 'result'>;
  duration: Histogram<'controller'>;
}

const byRegistry = new WeakMap<Registry, ReconcileMetrics>();

export function reconcileMetrics(registry: Registry): ReconcileMetrics {
  let metrics = byRegistry.get(registry);
  if (metrics === undefined) {
    metrics = {
      reconciles: new Counter({
        name: 'trellis_reconcile_total',
        help: 'Reconciles by controller and result (success, requeue, error, invalid).',
        labelNames: ['controller', 'result'],
        registers: [registry],
      }),
      duration: new Histogram({
        name: 'trellis_reconcile_duration_seconds',
        help: 'Time spent in one reconcile.',
        labelNames: ['controller'],
        buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
    };
    byRegistry.set(registry, metrics);
  }
  return metrics;
}
