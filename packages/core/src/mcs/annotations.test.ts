import { describe, expect, it } from 'vitest';
import { MCS_ANNOTATIONS, parseExportSettings } from './annotations.ts';
import { observedExport, service } from './observed-export.fixture.ts';

describe('parseExportSettings', () => {
  it('reads every annotation into typed settings', () => {
    const e = observedExport({
      cluster: 'blue',
      annotations: {
        [MCS_ANNOTATIONS.weight]: '250',
        [MCS_ANNOTATIONS.latticeServiceName]: 'inventory',
        [MCS_ANNOTATIONS.protocolVersion]: 'HTTP2',
        [MCS_ANNOTATIONS.healthCheckPath]: '/healthz',
        [MCS_ANNOTATIONS.healthCheckPort]: '9000',
        [MCS_ANNOTATIONS.healthCheckProtocol]: 'HTTPS',
        [MCS_ANNOTATIONS.healthCheckEnabled]: 'true',
        [MCS_ANNOTATIONS.healthCheckInterval]: '10',
        [MCS_ANNOTATIONS.healthCheckTimeout]: '3',
        [MCS_ANNOTATIONS.healthyThreshold]: '2',
        [MCS_ANNOTATIONS.unhealthyThreshold]: '3',
        [MCS_ANNOTATIONS.healthCheckMatcher]: '200-299,304',
      },
    });
    expect(parseExportSettings(e)).toEqual({
      ok: true,
      settings: {
        weight: 250,
        latticeServiceName: 'inventory',
        protocolVersion: 'HTTP2',
        healthCheck: {
          enabled: true,
          path: '/healthz',
          port: 9000,
          protocol: 'HTTPS',
          intervalSeconds: 10,
          timeoutSeconds: 3,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
          matcher: '200-299,304',
        },
      },
    });
  });

  it('lets the ServiceExport override the Service', () => {
    const e = observedExport({
      cluster: 'blue',
      service: service({
        annotations: { [MCS_ANNOTATIONS.weight]: '5', [MCS_ANNOTATIONS.healthCheckPath]: '/a' },
      }),
      annotations: { [MCS_ANNOTATIONS.weight]: '7' },
    });
    const parsed = parseExportSettings(e);
    expect(parsed.ok && parsed.settings.weight).toBe(7);
    expect(parsed.ok && parsed.settings.healthCheck.path).toBe('/a');
  });

  it.each([
    [MCS_ANNOTATIONS.weight, '1000', /0 to 999/],
    [MCS_ANNOTATIONS.weight, '-1', /0 to 999/],
    [MCS_ANNOTATIONS.weight, '1.5', /integer/],
    [MCS_ANNOTATIONS.weight, 'heavy', /integer/],
    [MCS_ANNOTATIONS.latticeServiceName, 'svc-inventory', /reserved prefix/],
    [MCS_ANNOTATIONS.latticeServiceName, 'Inventory', /lowercase/],
    [MCS_ANNOTATIONS.protocolVersion, 'http2', /HTTP1, HTTP2, GRPC/],
    [MCS_ANNOTATIONS.healthCheckPath, 'healthz', /absolute path/],
    [MCS_ANNOTATIONS.healthCheckPort, '0', /1 to 65535/],
    [MCS_ANNOTATIONS.healthCheckInterval, '1', /5 to 300/],
    [MCS_ANNOTATIONS.healthCheckEnabled, 'yes', /true, false/],
    [MCS_ANNOTATIONS.healthCheckMatcher, '2xx', /HTTP codes/],
  ])('names the bad annotation %s=%s', (key, value, message) => {
    const parsed = parseExportSettings(
      observedExport({ cluster: 'blue', annotations: { [key]: value } }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.annotation).toBe(key);
      expect(parsed.problem.message).toMatch(message);
    }
  });
});
