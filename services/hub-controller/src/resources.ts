import type { KubernetesObject } from '@kubernetes/client-node';
import {
  MULTI_CLUSTER_SERVICE_RESOURCE,
  TENANT_RESOURCE,
  WORKLOAD_CLUSTER_RESOURCE,
  type MultiClusterServiceObject,
  type TenantObject,
  type WorkloadClusterObject,
} from '@trellis/core';
import type { ResourceRef } from '@trellis/kube';

export const TENANTS: ResourceRef = TENANT_RESOURCE;
export const WORKLOAD_CLUSTERS: ResourceRef = WORKLOAD_CLUSTER_RESOURCE;
export const MULTI_CLUSTER_SERVICES: ResourceRef = MULTI_CLUSTER_SERVICE_RESOURCE;

export type Tenant = TenantObject & KubernetesObject;
export type WorkloadCluster = WorkloadClusterObject & KubernetesObject;
export type MultiClusterService = MultiClusterServiceObject & KubernetesObject;

export const TENANT_FINALIZER = 'trellis.dev/tenant-cleanup';
export const CLUSTER_FINALIZER = 'trellis.dev/cluster-cleanup';
