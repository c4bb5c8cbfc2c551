import { describe, expect, it } from 'vitest';
import type { LatticeListenerView } from '../lattice/index.ts';
import { parseHost, selectListener } from './listener-selection.ts';

const listener = (
  port: number,
  protocol: LatticeListenerView['protocol'] = 'HTTP',
): LatticeListenerView => ({
  id: `l-${port}`,
  arn: `arn:l-${port}`,
  name: `l-${port}`,
  protocol,
  port,
  rules: [],
});

describe('listener selection', () => {
  it('parses the Host header', () => {
    expect(parseHost('Svc.Example.:8080')).toEqual({ name: 'svc.example', port: 8080 });
    expect(parseHost('svc.example')).toEqual({ name: 'svc.example' });
  });

  it('uses the Host port, else 80, else 443, else the only HTTP(S) listener', () => {
    const all = [listener(443, 'HTTPS'), listener(80), listener(9000, 'TLS_PASSTHROUGH')];
    expect(selectListener(all, 443)?.port).toBe(443);
    expect(selectListener(all, undefined)?.port).toBe(80);
    expect(selectListener([listener(443, 'HTTPS')], undefined)?.port).toBe(443);
    expect(selectListener([listener(8080)], undefined)?.port).toBe(8080);
    expect(selectListener([listener(8080), listener(8081)], undefined)).toBeUndefined();
    expect(selectListener(all, 9000)).toBeUndefined();
  });
});
