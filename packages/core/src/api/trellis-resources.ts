// REST coordinates and wire types of Trellis's own kinds, shared by hub-api and hub-controller.
// (Structurally a @trellis/kube ResourceRef; core imports nothing of ours.)
import type { Condition } from '../conditions/index.ts';
import { API_GROUP, API_VERSION } from './common.ts';
import type { ClusterMigrationSpec, ClusterMigrationStatus } from './cluster-migration.ts';
import type {
  MultiClusterServiceSpec,
  MultiClusterServiceStatus,
} from './multi-cluster-service.ts';
import type { TenantSpec, TenantStatus } from './tenant.ts';
import type { WorkloadClusterSpec, WorkloadClusterStatus } from './workload-cluster.ts';

export const TENANT_RESOURCE = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'tenants',
  kind: 'Tenant',
  namespaced: false,
} as const;

export const WORKLOAD_CLUSTER_RESOURCE = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'workloadclusters',
  kind: 'WorkloadCluster',
  namespaced: true,
} as const;

export const CLUSTER_MIGRATION_RESOURCE = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'clustermigrations',
  kind: 'ClusterMigration',
  namespaced: true,
} as const;

export const MULTI_CLUSTER_SERVICE_RESOURCE = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'multiclusterservices',
  kind: 'MultiClusterService',
  namespaced: true,
} as const;

/** Kubernetes object metadata, as much of it as Trellis reads. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface TenantObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: TenantSpec;
  status?: TenantStatus & { conditions?: Condition[] };
}

export interface WorkloadClusterObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: WorkloadClusterSpec;
  status?: WorkloadClusterStatus & { conditions?: Condition[] };
}

export interface ClusterMigrationObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: ClusterMigrationSpec;
  status?: ClusterMigrationStatus;
}

export interface MultiClusterServiceObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: MultiClusterServiceSpec;
  status?: MultiClusterServiceStatus;
}
