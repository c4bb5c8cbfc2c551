// Discovery documents for /api, /apis and their group versions, legacy and aggregated.
export { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy-discovery.ts';
export { aggregatedDiscovery } from './aggregated-discovery.ts';
export type { AggregatedDiscoveryVersion } from './aggregated-discovery.ts';
export { aggregatedContentType, negotiateDiscovery } from './negotiate.ts';
export type { DiscoveryNegotiation } from './negotiate.ts';
export { compareKubeAwareVersions, compareGroups } from './version-priority.ts';
export { storageVersionHash } from './storage-version-hash.ts';
