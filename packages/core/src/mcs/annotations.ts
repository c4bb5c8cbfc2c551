// Every annotation and label Trellis reads or writes for multi-cluster services, in one place, and
// the parser that turns a ServiceExport's (and its Service's) annotations into typed settings.
// Values that do not parse make the export invalid with the annotation named, rather than being
// silently ignored: a typo in a weight must not quietly send traffic somewhere unexpected.
import { checkLatticeName, LATTICE_NAME_BOUNDS } from '../naming/rules.ts';
import type { ObservedExport } from './types.ts';

/** Annotations users put on a ServiceExport (or on its Service; the ServiceExport's win). */
export const MCS_ANNOTATIONS = {
  /**
   * Relative share of traffic this cluster's target groups get, an integer 0-999 (Lattice's
   * weight range). 0 drains the cluster without unexporting it. Default: 100 for every cluster,
   * so the split is equal. A running ClusterMigration overrides it.
   */
  weight: 'trellis.dev/weight',
  /**
   * Name of the Lattice service instead of the derived `<name>-<namespace>-<hash>`; 3-40 of
   * [a-z0-9-], no leading/trailing/double hyphen, not starting with `svc-`. Service-wide: the
   * oldest export's value is used.
   */
  latticeServiceName: 'trellis.dev/lattice-service-name',
  /** Target group protocol version: HTTP1 (default), HTTP2 or GRPC; beats appProtocol. */
  protocolVersion: 'trellis.dev/protocol-version',
  /** Health check path, e.g. /healthz (default /). */
  healthCheckPath: 'trellis.dev/health-check-path',
  /** Health check port, 1-65535 (default: the target's port). */
  healthCheckPort: 'trellis.dev/health-check-port',
  /** Health check protocol: HTTP or HTTPS (default HTTP). */
  healthCheckProtocol: 'trellis.dev/health-check-protocol',
  /** "true" or "false": turn health checks on or off (Lattice starts HTTP2/GRPC groups off). */
  healthCheckEnabled: 'trellis.dev/health-check-enabled',
  /** Seconds between checks, 5-300 (default 30). */
  healthCheckInterval: 'trellis.dev/health-check-interval-seconds',
  /** Seconds before a check fails, 1-120 (default 5). */
  healthCheckTimeout: 'trellis.dev/health-check-timeout-seconds',
  /** Consecutive successes before a target is healthy, 2-10 (default 5). */
  healthyThreshold: 'trellis.dev/health-check-healthy-threshold',
  /** Consecutive failures before a target is unhealthy, 2-10 (default 2). */
  unhealthyThreshold: 'trellis.dev/health-check-unhealthy-threshold',
  /** HTTP codes that count as healthy: "200", "200-299", "200,204" (default 200). */
  healthCheckMatcher: 'trellis.dev/health-check-matcher',
} as const;

/** Annotations Trellis writes on the ServiceImport it plans. */
export const SERVICE_IMPORT_ANNOTATIONS = {
  /** The Lattice service's DNS name: what clients in the importing cluster connect to. */
  latticeDns: 'multicluster.trellis.dev/lattice-dns',
  latticeServiceArn: 'trellis.dev/lattice-service-arn',
} as const;

/** Labels Trellis writes on objects it creates in member clusters, and reads from namespaces. */
export const MCS_LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  hubId: 'trellis.dev/hub-id',
  tenant: 'trellis.dev/tenant',
  /** upstream MCS label naming the multi-cluster service an object belongs to */
  serviceName: 'multicluster.kubernetes.io/service-name',
  /**
   * On a namespace of an importing cluster: "true" asks Trellis for an ExternalName Service
   * `<name>-clusterset` pointing at the Lattice DNS name, for clients that cannot read the
   * ServiceImport annotation. See docs/multi-cluster-services.md for the Host-header caveat.
   */
  externalNameOptIn: 'multicluster.trellis.dev/external-name-service',
} as const;

export const DEFAULT_WEIGHT = 100;
export const MAX_LATTICE_WEIGHT = 999;

export type ProtocolVersion = 'HTTP1' | 'HTTP2' | 'GRPC';

export interface HealthCheckOverrides {
  enabled?: boolean;
  path?: string;
  port?: number;
  protocol?: 'HTTP' | 'HTTPS';
  intervalSeconds?: number;
  timeoutSeconds?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
  matcher?: string;
}

export interface ExportSettings {
  weight?: number;
  latticeServiceName?: string;
  protocolVersion?: ProtocolVersion;
  healthCheck: HealthCheckOverrides;
}

export interface AnnotationProblem {
  annotation: string;
  message: string;
}

export type ParsedSettings =
  { ok: true; settings: ExportSettings } | { ok: false; problem: AnnotationProblem };

/** The Service's annotations overlaid with the ServiceExport's (the export is the closer intent). */
export function effectiveAnnotations(e: ObservedExport): Record<string, string> {
  return { ...(e.service?.annotations ?? {}), ...e.annotations };
}

/** Internal: unwinds parseAll at the first bad value; never escapes parseExportSettings. */
class BadAnnotation extends Error {
  readonly problem: AnnotationProblem;
  constructor(annotation: string, message: string) {
    super(`${annotation} ${message}`);
    this.name = 'BadAnnotation';
    this.problem = { annotation, message };
  }
}

function integer(values: Record<string, string>, key: string, min: number, max: number) {
  const raw = values[key];
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new BadAnnotation(key, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(text);
}

function oneOf<T extends string>(
  values: Record<string, string>,
  key: string,
  allowed: readonly T[],
) {
  const raw = values[key];
  if (raw === undefined) return undefined;
  const found = allowed.find((a) => a === raw.trim());
  if (found === undefined) {
    throw new BadAnnotation(key, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return found;
}

function matching(values: Record<string, string>, key: string, pattern: RegExp, what: string) {
  const raw = values[key];
  if (raw === undefined) return undefined;
  if (!pattern.test(raw)) throw new BadAnnotation(key, `must be ${what} (got "${raw}")`);
  return raw;
}

function parseAll(values: Record<string, string>): ExportSettings {
  const a = MCS_ANNOTATIONS;
  const settings: ExportSettings = { healthCheck: {} };
  const weight = integer(values, a.weight, 0, MAX_LATTICE_WEIGHT);
  if (weight !== undefined) settings.weight = weight;
  const name = values[a.latticeServiceName];
  if (name !== undefined) {
    const problems = checkLatticeName(name, LATTICE_NAME_BOUNDS.service);
    if (problems.length > 0) {
      throw new BadAnnotation(
        a.latticeServiceName,
        `"${name}" is not a valid Lattice service name: ${problems.map((p) => p.message).join('; ')}`,
      );
    }
    settings.latticeServiceName = name;
  }
  const version = oneOf(values, a.protocolVersion, ['HTTP1', 'HTTP2', 'GRPC'] as const);
  if (version !== undefined) settings.protocolVersion = version;

  const hc = settings.healthCheck;
  const enabled = oneOf(values, a.healthCheckEnabled, ['true', 'false'] as const);
  if (enabled !== undefined) hc.enabled = enabled === 'true';
  const path = matching(
    values,
    a.healthCheckPath,
    /^\/[a-zA-Z0-9@:%_+.~#?&/=-]{0,2047}$/,
    'an absolute path such as /healthz',
  );
  if (path !== undefined) hc.path = path;
  const port = integer(values, a.healthCheckPort, 1, 65535);
  if (port !== undefined) hc.port = port;
  const protocol = oneOf(values, a.healthCheckProtocol, ['HTTP', 'HTTPS'] as const);
  if (protocol !== undefined) hc.protocol = protocol;
  const interval = integer(values, a.healthCheckInterval, 5, 300);
  if (interval !== undefined) hc.intervalSeconds = interval;
  const timeout = integer(values, a.healthCheckTimeout, 1, 120);
  if (timeout !== undefined) hc.timeoutSeconds = timeout;
  const healthy = integer(values, a.healthyThreshold, 2, 10);
  if (healthy !== undefined) hc.healthyThreshold = healthy;
  const unhealthy = integer(values, a.unhealthyThreshold, 2, 10);
  if (unhealthy !== undefined) hc.unhealthyThreshold = unhealthy;
  const matcher = matching(
    values,
    a.healthCheckMatcher,
    /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/,
    'HTTP codes such as 200, 200-299 or 200,204',
  );
  if (matcher !== undefined) hc.matcher = matcher;
  return settings;
}

/** Parse the Trellis annotations of an export; the first bad one is reported, by name. */
export function parseExportSettings(e: ObservedExport): ParsedSettings {
  try {
    return { ok: true, settings: parseAll(effectiveAnnotations(e)) };
  } catch (error) {
    if (error instanceof BadAnnotation) return { ok: false, problem: error.problem };
    throw error;
  }
}
