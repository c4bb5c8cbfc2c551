import type { KubernetesObject } from '@kubernetes/client-node';
import {
  TENANT_RESOURCE,
  WORKLOAD_CLUSTER_RESOURCE,
  type TenantObject,
  type WorkloadClusterObject,
} from '@trellis/core';
import type { ResourceRef } from '@trellis/kube';

export const TENANTS: ResourceRef = TENANT_RESOURCE;
export const WORKLOAD_CLUSTERS: ResourceRef = WORKLOAD_CLUSTER_RESOURCE;

export type Tenant = TenantObject & KubernetesObject;
export type WorkloadCluster = WorkloadClusterObject & KubernetesObject;

export const TENANT_FINALIZER = 'trellis.dev/tenant-cleanup';
export const CLUSTER_FINALIZER = 'trellis.dev/cluster-cleanup';
