// REST views of the CRs: what a client needs (name, spec, status with conditions, timestamps,
// generations), not Kubernetes bookkeeping (managedFields, uid, finalizers).
import { tenantOfNamespace } from '@trellis/core';
import type { ClusterView } from '../schemas/cluster-schemas.ts';
import type { TenantView } from '../schemas/tenant-schemas.ts';
import type { TokenView } from '../schemas/token-schemas.ts';
import type { Secret, Tenant, WorkloadCluster } from '../resources.ts';

export const TOKEN_NAME_ANNOTATION = 'trellis.dev/token-name';

type Status = { observedGeneration?: number; conditions?: unknown[] } & Record<string, unknown>;

function statusView(status: Status | undefined): {
  status: TenantView['status'];
  observedGeneration?: number;
} {
  const { observedGeneration, conditions, ...rest } = status ?? {};
  return {
    status: { ...rest, conditions: (conditions ?? []) as TenantView['status']['conditions'] },
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

function metaView(
  meta:
    | { creationTimestamp?: Date | string; deletionTimestamp?: Date | string; generation?: number }
    | undefined,
) {
  const created = meta?.creationTimestamp;
  const deleting = meta?.deletionTimestamp;
  return {
    ...(created !== undefined ? { createdAt: new Date(created).toISOString() } : {}),
    ...(deleting !== undefined ? { deletingSince: new Date(deleting).toISOString() } : {}),
    generation: meta?.generation ?? 1,
  };
}

export function tenantView(tenant: Tenant): TenantView {
  const { status, observedGeneration } = statusView(tenant.status);
  return {
    name: tenant.metadata?.name ?? '',
    spec: tenant.spec,
    status,
    ...metaView(tenant.metadata),
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

export function clusterView(cluster: WorkloadCluster): ClusterView {
  const { status, observedGeneration } = statusView(cluster.status);
  return {
    name: cluster.metadata?.name ?? '',
    tenant: tenantOfNamespace(cluster.metadata?.namespace ?? '') ?? '',
    spec: cluster.spec,
    status,
    ...metaView(cluster.metadata),
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

export function tokenView(secret: Secret, tenant: string): TokenView {
  const id = (secret.metadata?.name ?? '').replace(/^trellis-token-/, '');
  const created = secret.metadata?.creationTimestamp;
  return {
    id,
    name: secret.metadata?.annotations?.[TOKEN_NAME_ANNOTATION] ?? '',
    tenant,
    ...(created !== undefined ? { createdAt: new Date(created).toISOString() } : {}),
  };
}
