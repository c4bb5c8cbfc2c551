// MultiClusterService: the read model of one exported (namespace, name) of a tenant, written by the
// multi-cluster service controller (never by users) in the tenant namespace as
// `<namespace>.<name>`. Its status says what Lattice serves, from which clusters, with which
// weights and target health, and carries the last-seen copies of the exports that let a restarted
// hub keep an unreachable cluster's targets (docs/multi-cluster-services.md, "Read model").
import Type, { type Static } from 'typebox';
import { ConditionSchema } from './common.ts';

const DnsLabel = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
});

export const MultiClusterServiceSpecSchema = Type.Object({
  namespace: DnsLabel,
  name: DnsLabel,
});

/** Registered targets by Lattice status (ListTargets). */
export const TargetCountsSchema = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  healthy: Type.Integer({ minimum: 0 }),
  unhealthy: Type.Integer({ minimum: 0 }),
  initial: Type.Integer({ minimum: 0 }),
  draining: Type.Integer({ minimum: 0 }),
  unavailable: Type.Integer({ minimum: 0 }),
  unused: Type.Integer({ minimum: 0 }),
});

export const MultiClusterServicePortSchema = Type.Object({
  name: Type.String(),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  protocol: Type.String(),
  appProtocol: Type.Optional(Type.String()),
});

export const MultiClusterServiceClusterSchema = Type.Object({
  name: Type.String(),
  accountId: Type.Optional(Type.String()),
  /** the hub can see the cluster now; false: its last-seen export is used */
  reachable: Type.Boolean(),
  unreachableSince: Type.Optional(Type.String({ format: 'date-time' })),
  /** Lattice weight (0-999); absent when none of its target groups is forwarded to */
  weight: Type.Optional(Type.Integer({ minimum: 0 })),
  servedPorts: Type.Array(Type.String()),
  targets: Type.Optional(TargetCountsSchema),
  /** the export's conditions as written on its ServiceExport (Valid, Conflict, Ready, Degraded) */
  conditions: Type.Array(ConditionSchema),
});

export const LatticeServiceRefSchema = Type.Object({
  name: Type.String(),
  accountId: Type.String(),
  arn: Type.Optional(Type.String()),
  dnsName: Type.Optional(Type.String()),
});

export const MultiClusterServiceStatusSchema = Type.Object({
  conditions: Type.Optional(Type.Array(ConditionSchema)),
  /** when the controller last wrote a changed status */
  observedAt: Type.Optional(Type.String({ format: 'date-time' })),
  latticeService: Type.Optional(LatticeServiceRefSchema),
  type: Type.Optional(Type.Enum(['ClusterSetIP', 'Headless'])),
  ports: Type.Optional(Type.Array(MultiClusterServicePortSchema)),
  /** the clusters serving at least one port, comma-joined (for `kubectl get`) */
  exportingClusters: Type.Optional(Type.String()),
  /** every cluster with an export of the service, valid or not, sorted by name */
  clusters: Type.Optional(Type.Array(MultiClusterServiceClusterSchema)),
  /** all serving clusters' target counts together */
  targets: Type.Optional(TargetCountsSchema),
  unreachableClusters: Type.Optional(Type.Array(Type.String())),
  /** Lattice services of this export in another account or under another name, being removed */
  retiredLatticeServices: Type.Optional(
    Type.Array(Type.Object({ accountId: Type.String(), name: Type.String() })),
  ),
  /**
   * The export last observed in each cluster while it was reachable (the planner's
   * ObservedExport), so a restarted hub can keep an unreachable cluster's target groups in the
   * plan. Internal: its shape may change between releases.
   */
  lastSeenExports: Type.Optional(Type.Array(Type.Unknown())),
});

export type MultiClusterServiceSpec = Static<typeof MultiClusterServiceSpecSchema>;
export type MultiClusterServiceStatus = Static<typeof MultiClusterServiceStatusSchema>;
export type MultiClusterServiceClusterStatus = Static<typeof MultiClusterServiceClusterSchema>;
export type TargetCounts = Static<typeof TargetCountsSchema>;

export const MULTI_CLUSTER_SERVICE_CONDITIONS = { ready: 'Ready', degraded: 'Degraded' } as const;

/** `<namespace>.<name>`: a valid DNS subdomain, unique per tenant, readable in `kubectl get`. */
export function multiClusterServiceName(namespace: string, name: string): string {
  return `${namespace}.${name}`;
}
