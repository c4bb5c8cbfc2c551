// The management-cluster objects hub-api reads and writes, by their REST coordinates.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  API_GROUP,
  API_VERSION,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
  type Condition,
  type MultiClusterServiceSpec,
  type MultiClusterServiceStatus,
  type TenantSpec,
  type TenantStatus,
  type UpgradeScheduleSpec,
  type UpgradeScheduleStatus,
  type WorkloadClusterSpec,
  type WorkloadClusterStatus,
} from '@trellis/core';
import type { ResourceRef } from '@trellis/kube';

export const TENANTS: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'tenants',
  kind: 'Tenant',
  namespaced: false,
};

export const WORKLOAD_CLUSTERS: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'workloadclusters',
  kind: 'WorkloadCluster',
  namespaced: true,
};

export type Tenant = KubernetesObject & {
  spec: TenantSpec;
  status?: TenantStatus & { conditions?: Condition[] };
};

export type WorkloadCluster = KubernetesObject & {
  spec: WorkloadClusterSpec;
  status?: WorkloadClusterStatus & { conditions?: Condition[] };
};

export interface Secret extends KubernetesObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** Labels every object hub-api creates carries, so people and GC can tell whose it is. */
export const TENANT_LABEL = 'trellis.dev/tenant';
export const MANAGED_BY_LABELS = { 'app.kubernetes.io/managed-by': 'trellis' } as const;

export const CLUSTER_MIGRATIONS: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'clustermigrations',
  kind: 'ClusterMigration',
  namespaced: true,
};

export const UPGRADE_SCHEDULES: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'upgradeschedules',
  kind: 'UpgradeSchedule',
  namespaced: true,
};

export type ClusterMigration = KubernetesObject & {
  spec: ClusterMigrationSpec;
  status?: ClusterMigrationStatus;
};

export type UpgradeSchedule = KubernetesObject & {
  spec: UpgradeScheduleSpec;
  status?: UpgradeScheduleStatus;
};

export const MULTI_CLUSTER_SERVICES: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'multiclusterservices',
  kind: 'MultiClusterService',
  namespaced: true,
};

/** The read model the hub-controller writes; hub-api only reads it. */
export type MultiClusterService = KubernetesObject & {
  spec: MultiClusterServiceSpec;
  status?: MultiClusterServiceStatus;
};
