// The member-cluster objects the multi-cluster service controller reads and writes.
import type { KubernetesObject, V1EndpointSlice, V1Service } from '@kubernetes/client-node';
import type { Condition } from '@trellis/core';

export type ServiceExport = KubernetesObject & {
  status?: { conditions?: Condition[] } & Record<string, unknown>;
};
export type MemberService = V1Service & KubernetesObject;
export type MemberEndpointSlice = V1EndpointSlice & KubernetesObject;

/** Holds a ServiceExport until Trellis has removed what it created for it (survives restarts). */
export const SERVICE_EXPORT_FINALIZER = 'multicluster.trellis.dev/service-export-cleanup';

/** The upstream label linking an EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
