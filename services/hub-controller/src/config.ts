// Configuration from the environment, checked at start so a typo stops the process with a
// message that names the variable, instead of failing later in a reconcile.
import { REGION } from '@trellis/core';

export interface ControllerConfig {
  hubId: string;
  region: string;
  awsEndpoint: string | undefined;
  /** HTTP proxy for migration health-gate probes (the emulator's Lattice data plane) */
  dataPlaneProxyUrl: string | undefined;
  redisUrl: string;
  kubeconfigPath: string | undefined;
  kubeContext: string | undefined;
  leaseNamespace: string;
  /** how long a Lease lasts without renewal: the wait before a replica takes over from a dead one */
  leaseDurationMs: number;
  resyncIntervalMs: number;
  pollIntervalMs: number;
  /** unset: an unreachable cluster's target groups stay in the forward actions for ever */
  unreachableGracePeriodMs: number | undefined;
  metricsPort: number;
  metricsHost: string;
  logLevel: string;
  installCrds: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ControllerConfig {
  const redisUrl = env.REDIS_URL;
  if (!redisUrl) throw new ConfigError('REDIS_URL is required (e.g. redis://127.0.0.1:6379)');
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  if (!REGION.test(region))
    throw new ConfigError(`AWS_REGION "${region}" is not an AWS region name`);
  const hubId = env.TRELLIS_HUB_ID ?? 'default';
  if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(hubId)) {
    throw new ConfigError('TRELLIS_HUB_ID must be a DNS label of at most 40 characters');
  }
  const dataPlaneProxyUrl = env.TRELLIS_DATA_PLANE_PROXY_URL || undefined;
  if (dataPlaneProxyUrl !== undefined && !/^http:\/\/[^/]+\/?$/.test(dataPlaneProxyUrl)) {
    throw new ConfigError(
      `TRELLIS_DATA_PLANE_PROXY_URL must be http://host:port (got "${dataPlaneProxyUrl}")`,
    );
  }
  return {
    hubId,
    region,
    awsEndpoint: env.TRELLIS_AWS_ENDPOINT || undefined,
    dataPlaneProxyUrl,
    redisUrl,
    kubeconfigPath: env.KUBECONFIG || undefined,
    kubeContext: env.TRELLIS_KUBE_CONTEXT || undefined,
    leaseNamespace: env.TRELLIS_LEASE_NAMESPACE ?? 'default',
    leaseDurationMs: integer(env, 'TRELLIS_LEASE_DURATION_SECONDS', 15, 2) * 1000,
    resyncIntervalMs: integer(env, 'TRELLIS_RESYNC_SECONDS', 60, 1) * 1000,
    pollIntervalMs: integer(env, 'TRELLIS_POLL_MS', 2000, 10),
    unreachableGracePeriodMs:
      env.TRELLIS_UNREACHABLE_GRACE_SECONDS === undefined ||
      env.TRELLIS_UNREACHABLE_GRACE_SECONDS === ''
        ? undefined
        : integer(env, 'TRELLIS_UNREACHABLE_GRACE_SECONDS', 0, 1) * 1000,
    metricsPort: integer(env, 'TRELLIS_METRICS_PORT', 9464, 0),
    metricsHost: env.TRELLIS_METRICS_HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    installCrds: env.TRELLIS_INSTALL_CRDS !== 'false',
  };
}
