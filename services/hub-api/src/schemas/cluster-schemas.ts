// REST shapes of workload clusters: core's WorkloadClusterSpecSchema wrapped with a name and an
// optional kubeconfig, which hub-api stores as a Secret and never returns.
import Type, { type Static } from 'typebox';
import { WorkloadClusterSpecSchema } from '@trellis/core';
import { closedSchema } from './strict-schema.ts';
import { ResourceStatusSchema } from './common-schemas.ts';

/** A kubeconfig Secret must fit in 1 MiB; leave room for the rest of the request. */
export const KUBECONFIG_MAX_LENGTH = 256 * 1024;

export const CreateClusterRequestSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 63,
      description: 'cluster name: a DNS label of at most 40 characters, no "--"',
    }),
    spec: closedSchema(WorkloadClusterSpecSchema),
    kubeconfig: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: KUBECONFIG_MAX_LENGTH,
        description:
          'kubeconfig YAML for a non-EKS cluster; stored as a Secret in the tenant namespace, never returned',
        writeOnly: true,
      }),
    ),
  },
  { additionalProperties: false },
);

export const ClusterViewSchema = Type.Object(
  {
    name: Type.String(),
    tenant: Type.String(),
    spec: WorkloadClusterSpecSchema,
    status: ResourceStatusSchema,
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    deletingSince: Type.Optional(Type.String({ format: 'date-time' })),
    generation: Type.Integer(),
    observedGeneration: Type.Optional(Type.Integer()),
  },
  { title: 'WorkloadCluster' },
);

export const ClusterListSchema = Type.Object({
  items: Type.Array(ClusterViewSchema),
  continue: Type.Optional(Type.String()),
});

export const ClusterParamsSchema = Type.Object({
  tenant: Type.String({ maxLength: 63 }),
  cluster: Type.String({ maxLength: 63 }),
});

export type CreateClusterRequest = Static<typeof CreateClusterRequestSchema>;
export type ClusterView = Static<typeof ClusterViewSchema>;
