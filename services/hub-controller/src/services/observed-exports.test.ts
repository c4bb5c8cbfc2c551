import { describe, expect, it } from 'vitest';
import { parseMcsKey, mcsKey } from './mcs-key.ts';
import { LastSeenExports, observedEndpoints, observedService } from './observed-exports.ts';

describe('observed state of a multi-cluster service', () => {
  it('reads a Service as the planners want it', () => {
    expect(
      observedService({
        metadata: {
          name: 'inventory',
          namespace: 'shop',
          annotations: { 'trellis.dev/weight': '10' },
        },
        spec: {
          clusterIP: 'None',
          ipFamilies: ['IPv4'],
          sessionAffinity: 'ClientIP',
          ports: [
            { name: 'http', port: 80, targetPort: 8080, appProtocol: 'http' },
            { port: 9090, protocol: 'UDP' },
          ],
        },
      }),
    ).toEqual({
      type: 'ClusterIP',
      headless: true,
      sessionAffinity: 'ClientIP',
      ipFamily: 'IPv4',
      annotations: { 'trellis.dev/weight': '10' },
      ports: [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' },
        { port: 9090, protocol: 'UDP' },
      ],
    });
  });

  it('expands EndpointSlices into one endpoint per address and port, with conditions', () => {
    const endpoints = observedEndpoints([
      {
        addressType: 'IPv4',
        endpoints: [
          { addresses: ['10.0.0.1'] },
          {
            addresses: ['10.0.0.2'],
            conditions: { ready: false, serving: true, terminating: true },
          },
        ],
        ports: [
          { name: 'http', port: 8080 },
          { name: 'metrics', port: 9100 },
        ],
      },
      { addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com'] }], ports: [{ port: 1 }] },
    ]);
    expect(endpoints).toEqual([
      { ip: '10.0.0.1', port: 8080, portName: 'http', ready: true },
      { ip: '10.0.0.1', port: 9100, portName: 'metrics', ready: true },
      {
        ip: '10.0.0.2',
        port: 8080,
        portName: 'http',
        ready: false,
        serving: true,
        terminating: true,
      },
      {
        ip: '10.0.0.2',
        port: 9100,
        portName: 'metrics',
        ready: false,
        serving: true,
        terminating: true,
      },
    ]);
  });

  it('remembers the last export seen per cluster until it is forgotten', () => {
    const seen = new LastSeenExports();
    const e = {
      cluster: 'green',
      clusterAccountId: '333333333333',
      clusterVpcId: 'vpc-1',
      namespace: 'shop',
      name: 'inventory',
      createdAt: '2026-01-01T00:00:00.000Z',
      endpoints: [],
      annotations: {},
      clusterReachable: true,
    };
    seen.remember('acme/shop/inventory', e);
    expect(seen.get('acme/shop/inventory', 'green')).toBe(e);
    expect(seen.keys()).toEqual(['acme/shop/inventory']);
    seen.forget('acme/shop/inventory', 'green');
    expect(seen.keys()).toEqual([]);
  });

  it('round-trips queue keys and rejects malformed ones', () => {
    const key = { tenant: 'acme', namespace: 'shop', name: 'inventory' };
    expect(parseMcsKey(mcsKey(key))).toEqual(key);
    expect(parseMcsKey('acme/shop')).toBeUndefined();
    expect(parseMcsKey('acme//inventory')).toBeUndefined();
  });
});
