export { ControllerManager, type ControllerManagerOptions } from './controller-manager.ts';
export type { HubSettings } from './hub-context.ts';
export { TENANTS, WORKLOAD_CLUSTERS, type Tenant, type WorkloadCluster } from './resources.ts';
