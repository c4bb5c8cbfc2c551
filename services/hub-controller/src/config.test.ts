import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      hubId: 'default',
      region: 'us-east-1',
      resyncIntervalMs: 60_000,
      leaseDurationMs: 15_000,
      metricsPort: 9464,
      installCrds: true,
      dataPlaneProxyUrl: undefined,
    });
    expect(
      loadConfig({ REDIS_URL: 'redis://x', TRELLIS_DATA_PLANE_PROXY_URL: 'http://127.0.0.1:9000' })
        .dataPlaneProxyUrl,
    ).toBe('http://127.0.0.1:9000');
  });

  it.each([
    [{}, /REDIS_URL is required/],
    [{ REDIS_URL: 'redis://x', AWS_REGION: 'moon' }, /AWS_REGION "moon"/],
    [
      { REDIS_URL: 'redis://x', TRELLIS_RESYNC_SECONDS: 'soon' },
      /TRELLIS_RESYNC_SECONDS must be an integer/,
    ],
    [{ REDIS_URL: 'redis://x', TRELLIS_HUB_ID: 'Hub_1' }, /TRELLIS_HUB_ID/],
    [
      { REDIS_URL: 'redis://x', TRELLIS_LEASE_DURATION_SECONDS: '1' },
      /TRELLIS_LEASE_DURATION_SECONDS must be an integer ≥ 2/,
    ],
    [
      { REDIS_URL: 'redis://x', TRELLIS_DATA_PLANE_PROXY_URL: 'proxy:8080' },
      /TRELLIS_DATA_PLANE_PROXY_URL must be http/,
    ],
  ])('names the variable that is wrong: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
