import { describe, expect, it } from 'vitest';
import { latticeProtocolOf } from './lattice-protocol.ts';

describe('latticeProtocolOf', () => {
  it.each([
    [undefined, { listener: 'HTTP', targetGroup: 'HTTP', protocolVersion: 'HTTP1' }],
    ['http', { listener: 'HTTP', targetGroup: 'HTTP', protocolVersion: 'HTTP1' }],
    ['kubernetes.io/h2c', { listener: 'HTTP', targetGroup: 'HTTP', protocolVersion: 'HTTP2' }],
    ['https', { listener: 'HTTPS', targetGroup: 'HTTPS', protocolVersion: 'HTTP1' }],
    ['grpc', { listener: 'HTTPS', targetGroup: 'HTTP', protocolVersion: 'GRPC' }],
    ['tls', { listener: 'TLS_PASSTHROUGH', targetGroup: 'TCP' }],
  ])('maps appProtocol %s', (appProtocol, expected) => {
    const result = latticeProtocolOf({
      name: 'p',
      port: 80,
      protocol: 'TCP',
      ...(appProtocol !== undefined ? { appProtocol } : {}),
    });
    expect(result).toEqual({ ok: true, protocol: expected });
  });

  it('applies a protocol-version override to HTTP target groups', () => {
    expect(latticeProtocolOf({ port: 80, protocol: 'TCP' }, 'GRPC')).toEqual({
      ok: true,
      protocol: { listener: 'HTTP', targetGroup: 'HTTP', protocolVersion: 'GRPC' },
    });
  });

  it('refuses what Lattice cannot carry, naming the port', () => {
    const udp = latticeProtocolOf({ name: 'dns', port: 53, protocol: 'UDP' });
    expect(udp.ok).toBe(false);
    expect(!udp.ok && udp.message).toMatch(/"dns" \(53\) uses UDP/);
    const sctp = latticeProtocolOf({ port: 9899, protocol: 'SCTP' });
    expect(!sctp.ok && sctp.message).toMatch(/SCTP/);
    const pg = latticeProtocolOf({
      name: 'pg',
      port: 5432,
      protocol: 'TCP',
      appProtocol: 'postgresql',
    });
    expect(!pg.ok && pg.message).toMatch(/appProtocol "postgresql"/);
  });
});
