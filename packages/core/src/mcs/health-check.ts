// The health check of a Trellis target group: Lattice's defaults, adjusted per protocol, with the
// export's annotations on top.
import type { HealthCheckOverrides, ProtocolVersion } from './annotations.ts';
import type { TargetGroupProtocol } from './lattice-protocol.ts';

export interface HealthCheckConfig {
  enabled: boolean;
  protocol: 'HTTP' | 'HTTPS';
  protocolVersion: 'HTTP1' | 'HTTP2';
  path: string;
  /** absent: the target's own port */
  port?: number;
  healthCheckIntervalSeconds: number;
  healthCheckTimeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  matcher: { httpCode: string };
}

const HEALTH_DEFAULTS = {
  path: '/',
  healthCheckIntervalSeconds: 30,
  healthCheckTimeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  httpCode: '200',
} as const;

/**
 * Lattice's defaults, except that checks start enabled only for HTTP/1.1 target groups (as
 * Lattice does: HTTP/2 and gRPC servers often do not answer HTTP/1.1 probes) and never for TCP
 * (TLS passthrough) groups, whose targets speak TLS. Annotations override everything.
 */
export function healthCheckFor(
  protocol: TargetGroupProtocol,
  version: ProtocolVersion | undefined,
  o: HealthCheckOverrides,
): HealthCheckConfig {
  return {
    enabled: o.enabled ?? (protocol !== 'TCP' && version === 'HTTP1'),
    protocol: o.protocol ?? 'HTTP',
    protocolVersion: 'HTTP1',
    path: o.path ?? HEALTH_DEFAULTS.path,
    ...(o.port !== undefined ? { port: o.port } : {}),
    healthCheckIntervalSeconds: o.intervalSeconds ?? HEALTH_DEFAULTS.healthCheckIntervalSeconds,
    healthCheckTimeoutSeconds: o.timeoutSeconds ?? HEALTH_DEFAULTS.healthCheckTimeoutSeconds,
    healthyThresholdCount: o.healthyThreshold ?? HEALTH_DEFAULTS.healthyThresholdCount,
    unhealthyThresholdCount: o.unhealthyThreshold ?? HEALTH_DEFAULTS.unhealthyThresholdCount,
    matcher: { httpCode: o.matcher ?? HEALTH_DEFAULTS.httpCode },
  };
}
