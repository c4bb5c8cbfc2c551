// Public API of the kube-emulator package.
export { startKubeEmulator, UnknownClusterError } from './emulator.ts';
export type { ClusterObjects, KubeEmulator, KubeEmulatorOptions } from './emulator.ts';
export type { FaultHandle } from './faults/fault-handle.ts';
export type { FailureCode, FailureOptions, PartitionMode } from './faults/cluster-faults.ts';
export type { StaticToken } from './server/authentication.ts';
export type { AccessEntry, EksTokenVerifier, UserInfo } from './auth/index.ts';
export type { ResourceType } from './resources/types.ts';
export type { LogLevel } from './logger.ts';
