import Type, { type Static } from 'typebox';
import {
  AssumedRoleSchema,
  assumedRoleProperties,
  ConditionSchema,
  ObjectReferenceSchema,
  RegionSchema,
} from './common.ts';

export const WorkloadClusterSpecSchema = Type.Object({
  /** An EKS cluster, reached with an EKS token minted from the assumed role. */
  eks: Type.Optional(
    Type.Object({
      ...assumedRoleProperties,
      clusterName: Type.String({ pattern: '^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$' }),
      region: RegionSchema,
    }),
  ),
  /** Any other cluster: a Secret in the tenant namespace holding a kubeconfig. */
  kubeconfigSecretRef: Type.Optional(ObjectReferenceSchema),
  /** The cluster's VPC; read from EKS when unset, required for kubeconfig clusters. */
  vpcId: Type.Optional(Type.String({ pattern: '^vpc-([0-9a-f]{8}|[0-9a-f]{17})$' })),
  /** For kubeconfig clusters: the account whose role associates the VPC. */
  vpcAccount: Type.Optional(AssumedRoleSchema),
});

export const WorkloadClusterStatusSchema = Type.Object({
  observedGeneration: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Array(ConditionSchema)),
  endpoint: Type.Optional(Type.String()),
  kubernetesVersion: Type.Optional(Type.String()),
  vpcId: Type.Optional(Type.String()),
  accountId: Type.Optional(Type.String()),
  vpcAssociation: Type.Optional(
    Type.Object({ id: Type.String(), arn: Type.String(), status: Type.String() }),
  ),
  lastHeartbeatTime: Type.Optional(Type.String({ format: 'date-time' })),
});

export type WorkloadClusterSpec = Static<typeof WorkloadClusterSpecSchema>;
export type WorkloadClusterStatus = Static<typeof WorkloadClusterStatusSchema>;

export const WORKLOAD_CLUSTER_CONDITIONS = {
  ready: 'Ready',
  valid: 'Valid',
  credentials: 'CredentialsReady',
  connected: 'Connected',
  mcsInstalled: 'MCSInstalled',
  vpcAssociated: 'VPCAssociated',
} as const;
