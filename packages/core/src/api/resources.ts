import { customResourceDefinition } from './crd.ts';
import { TenantSpecSchema, TenantStatusSchema } from './tenant.ts';
import { WorkloadClusterSpecSchema, WorkloadClusterStatusSchema } from './workload-cluster.ts';

const readyColumns = [
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Reason', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].reason' },
] as const;

export const TENANT_CRD = customResourceDefinition({
  kind: 'Tenant',
  plural: 'tenants',
  singular: 'tenant',
  shortNames: ['tn'],
  scope: 'Cluster',
  spec: TenantSpecSchema,
  status: TenantStatusSchema,
  description:
    'A tenant: its network account, role and ExternalId, and the VPC Lattice service network Trellis manages there.',
  printerColumns: [
    { name: 'Account', type: 'string', jsonPath: '.spec.networkAccount.accountId' },
    { name: 'Region', type: 'string', jsonPath: '.spec.networkAccount.region' },
    { name: 'Service Network', type: 'string', jsonPath: '.status.serviceNetwork.id' },
    ...readyColumns,
  ],
});

export const WORKLOAD_CLUSTER_CRD = customResourceDefinition({
  kind: 'WorkloadCluster',
  plural: 'workloadclusters',
  singular: 'workloadcluster',
  shortNames: ['wc'],
  scope: 'Namespaced',
  spec: WorkloadClusterSpecSchema,
  status: WorkloadClusterStatusSchema,
  description:
    'A member cluster of a tenant: an EKS cluster reached through an assumed role, or any cluster through a kubeconfig Secret.',
  printerColumns: [
    { name: 'Version', type: 'string', jsonPath: '.status.kubernetesVersion' },
    { name: 'VPC', type: 'string', jsonPath: '.status.vpcId' },
    {
      name: 'Connected',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Connected")].status',
    },
    ...readyColumns,
  ],
});

export const TRELLIS_CRDS = [TENANT_CRD, WORKLOAD_CLUSTER_CRD];
