import { describe, expect, it } from 'vitest';
import { healthCheckFor } from './health-check.ts';

describe('healthCheckFor', () => {
  it("uses Lattice's defaults for HTTP/1.1 groups", () => {
    expect(healthCheckFor('HTTP', 'HTTP1', {})).toEqual({
      enabled: true,
      protocol: 'HTTP',
      protocolVersion: 'HTTP1',
      path: '/',
      healthCheckIntervalSeconds: 30,
      healthCheckTimeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: { httpCode: '200' },
    });
  });

  it('starts disabled for HTTP/2, gRPC and TCP groups unless an annotation enables it', () => {
    expect(healthCheckFor('HTTP', 'HTTP2', {}).enabled).toBe(false);
    expect(healthCheckFor('HTTP', 'GRPC', {}).enabled).toBe(false);
    expect(healthCheckFor('TCP', undefined, {}).enabled).toBe(false);
    expect(healthCheckFor('TCP', undefined, { enabled: true, port: 8080 })).toMatchObject({
      enabled: true,
      port: 8080,
    });
  });
});
