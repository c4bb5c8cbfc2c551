import type { CredentialBroker } from '@trellis/aws';
import type { ResourceClient, WatchedCollection } from '@trellis/kube';
import type { Logger } from 'pino';
import type { AwsAccess } from './aws-access.ts';
import type { ClusterConnections } from './clusters/cluster-connections.ts';
import type { MultiClusterService, Tenant, WorkloadCluster } from './resources.ts';
import type { EventRecorder } from './runtime/event-recorder.ts';

export interface HubSettings {
  /** identifies this hub in ownership tags: two hubs never touch each other's resources */
  hubId: string;
  /** region for the hub's own STS calls */
  region: string;
  /** one endpoint for every AWS service (the emulator); unset for real AWS */
  awsEndpoint?: string;
  resyncIntervalMs: number;
  /** how long to wait before re-checking something AWS is still creating */
  pollIntervalMs: number;
  /**
   * After this long unreachable, a member cluster's target groups leave the Lattice forward
   * actions (they are kept, never deleted). Unset: never (the default).
   */
  unreachableGracePeriodMs?: number;
  /**
   * Where migration health-gate probes send their requests: an HTTP proxy that routes by Host
   * (the aws-emulator's Lattice data plane). Unset: straight to the service's DNS name.
   */
  dataPlaneProxyUrl?: string;
}

/** What reconcilers share; built once by the controller manager. */
export interface HubContext {
  settings: HubSettings;
  mgmt: ResourceClient;
  broker: CredentialBroker;
  aws: AwsAccess;
  events: EventRecorder;
  tenants: WatchedCollection<Tenant>;
  clusters: WatchedCollection<WorkloadCluster>;
  /** the MultiClusterService read model (written by the multi-cluster service controller) */
  multiClusterServices: WatchedCollection<MultiClusterService>;
  connections: ClusterConnections;
  log: Logger;
  now: () => Date;
  /** ask for a reconcile of a tenant / cluster (cross-object triggers) */
  enqueueTenant: (name: string, reason: string) => void;
  enqueueCluster: (key: string, reason: string) => void;
  /**
   * Whether the multi-cluster service controller has let go of a WorkloadCluster being deleted
   * (its exports released, imports removed, target groups gone); asks for that cleanup if not.
   */
  clusterServicesReleased: (cluster: WorkloadCluster, reachable: boolean) => Promise<boolean>;
}
