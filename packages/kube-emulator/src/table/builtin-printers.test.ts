import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { builtinType } from '../discovery/test-resource-types.ts';
import { toTable } from './index.ts';
import { NOW, cells, header, meta, typeOf } from './test-table-helpers.ts';

describe('toTable: other built-ins', () => {
  it('prints services', () => {
    const svc = (name: string, spec: JsonObject, status: JsonObject = {}): JsonObject => ({
      metadata: meta(name, 3 * 3_600_000),
      spec,
      status,
    });
    const table = toTable(
      typeOf('', 'services'),
      [
        svc('api', {
          type: 'ClusterIP',
          clusterIP: '10.96.0.10',
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
          selector: { k8s: 'dns', app: 'x' },
        }),
        svc('lb', {
          type: 'LoadBalancer',
          clusterIP: '10.96.0.11',
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
        }),
        svc(
          'lb2',
          { type: 'LoadBalancer', clusterIP: '10.96.0.12', ports: [] },
          { loadBalancer: { ingress: [{ hostname: 'a.elb' }] } },
        ),
        svc('ext', { type: 'ExternalName', externalName: 'example.com' }),
        svc('headless', { type: 'ClusterIP', clusterIP: 'None' }),
      ],
      { now: NOW },
    );
    expect(header(table)).toEqual([
      'Name',
      'Type',
      'Cluster-IP',
      'External-IP',
      'Port(s)',
      'Age',
      'Selector*',
    ]);
    expect(cells(table)).toEqual([
      ['api', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '3h', 'app=x,k8s=dns'],
      ['lb', 'LoadBalancer', '10.96.0.11', '<pending>', '80:30080/TCP', '3h', '<none>'],
      ['lb2', 'LoadBalancer', '10.96.0.12', 'a.elb', '<none>', '3h', '<none>'],
      ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '3h', '<none>'],
      ['headless', 'ClusterIP', 'None', '<none>', '<none>', '3h', '<none>'],
    ]);
  });

  it('prints namespaces, secrets, configmaps, service accounts, endpoints', () => {
    const day = 86_400_000;
    expect(
      cells(
        toTable(
          typeOf('', 'namespaces'),
          [{ metadata: meta('default', 2 * day + 3_600_000), status: { phase: 'Active' } }],
          { now: NOW },
        ),
      ),
    ).toEqual([['default', 'Active', '2d1h']]);
    const secrets = toTable(
      typeOf('', 'secrets'),
      [{ metadata: meta('s', 10_000), type: 'Opaque', data: { a: 'YQ==', b: 'Yg==' } }],
      { now: NOW },
    );
    expect(header(secrets)).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(cells(secrets)).toEqual([['s', 'Opaque', 2, '10s']]);
    expect(
      cells(
        toTable(
          typeOf('', 'configmaps'),
          [{ metadata: meta('c', 10_000), data: { a: '1' }, binaryData: { b: 'AA==' } }],
          { now: NOW },
        ),
      ),
    ).toEqual([['c', 2, '10s']]);
    expect(
      cells(
        toTable(typeOf('', 'serviceaccounts'), [{ metadata: meta('default', 10_000) }], {
          now: NOW,
        }),
      ),
    ).toEqual([['default', 0, '10s']]);
    const ep = toTable(
      typeOf('', 'endpoints'),
      [
        {
          metadata: meta('web', 10_000),
          subsets: [
            {
              addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
              ports: [{ port: 80 }, { port: 443 }],
            },
          ],
        },
        { metadata: meta('none', 10_000) },
        { metadata: meta('headless', 10_000), subsets: [{ addresses: [{ ip: 'fd00::1' }] }] },
      ],
      { now: NOW },
    );
    expect(cells(ep)).toEqual([
      ['web', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...', '10s'],
      ['none', '<none>', '10s'],
      ['headless', 'fd00::1', '10s'],
    ]);
  });

  it('prints endpointslices, leases and deployments', () => {
    const slices = toTable(
      typeOf('discovery.k8s.io', 'endpointslices'),
      [
        {
          metadata: meta('web-abc', 60_000),
          addressType: 'IPv4',
          ports: [{ port: 80 }, { name: 'metrics' }],
          endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }],
        },
        { metadata: meta('empty', 60_000), addressType: 'IPv4', ports: [], endpoints: [] },
      ],
      { now: NOW },
    );
    expect(header(slices)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    expect(cells(slices)).toEqual([
      ['web-abc', 'IPv4', '80,metrics', '10.0.0.1,10.0.0.2', '60s'],
      ['empty', 'IPv4', '<unset>', '<unset>', '60s'],
    ]);
    expect(
      cells(
        toTable(
          typeOf('coordination.k8s.io', 'leases'),
          [{ metadata: meta('leader', 60_000), spec: { holderIdentity: 'ctrl-1' } }],
          { now: NOW },
        ),
      ),
    ).toEqual([['leader', 'ctrl-1', '60s']]);
    const deploy = toTable(
      typeOf('apps', 'deployments'),
      [
        {
          metadata: meta('web', 60_000),
          spec: {
            replicas: 3,
            selector: { matchLabels: { app: 'web' } },
            template: {
              spec: {
                containers: [
                  { name: 'app', image: 'nginx:1' },
                  { name: 'log', image: 'busybox' },
                ],
              },
            },
          },
          status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
        },
      ],
      { now: NOW },
    );
    expect(header(deploy)).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
      'Containers*',
      'Images*',
      'Selector*',
    ]);
    expect(cells(deploy)).toEqual([
      ['web', '2/3', 3, 2, '60s', 'app,log', 'nginx:1,busybox', 'app=web'],
    ]);
  });

  it('prints events, RBAC, CRDs and the default Name/Created At', () => {
    const events = toTable(
      typeOf('', 'events'),
      [
        {
          metadata: meta('web.123', 60_000),
          involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
          reason: 'Pulled',
          message: 'Pulled image ',
          type: 'Normal',
          source: { component: 'kubelet', host: 'node-a' },
          firstTimestamp: '2026-03-01T11:50:00Z',
          lastTimestamp: '2026-03-01T11:59:00Z',
          count: 4,
        },
      ],
      { now: NOW },
    );
    expect(header(events)).toEqual([
      'Last Seen',
      'Type',
      'Reason',
      'Object',
      'Subobject*',
      'Source*',
      'Message',
      'First Seen*',
      'Count*',
      'Name*',
    ]);
    expect(cells(events)).toEqual([
      [
        '60s',
        'Normal',
        'Pulled',
        'pod/web-1',
        'spec.containers{app}',
        'kubelet, node-a',
        'Pulled image',
        '10m',
        4,
        'web.123',
      ],
    ]);
    const binding = toTable(
      typeOf('rbac.authorization.k8s.io', 'rolebindings'),
      [
        {
          metadata: meta('b', 60_000),
          roleRef: { kind: 'ClusterRole', name: 'view' },
          subjects: [
            { kind: 'User', name: 'alice' },
            { kind: 'ServiceAccount', name: 'ctrl', namespace: 'sys' },
            { kind: 'Group', name: 'devs' },
          ],
        },
      ],
      { now: NOW },
    );
    expect(cells(binding)).toEqual([['b', 'ClusterRole/view', '60s', 'alice', 'devs', 'sys/ctrl']]);
    const role = toTable(
      typeOf('rbac.authorization.k8s.io', 'clusterroles'),
      [{ metadata: { name: 'view', creationTimestamp: '2026-02-01T10:00:00Z' } }],
      { now: NOW },
    );
    expect(header(role)).toEqual(['Name', 'Created At']);
    expect(cells(role)).toEqual([['view', '2026-02-01T10:00:00Z']]);
    const crds = toTable(
      typeOf('apiextensions.k8s.io', 'customresourcedefinitions'),
      [{ metadata: { name: 'widgets.example.com', creationTimestamp: '2026-02-01T10:00:00Z' } }],
      { now: NOW },
    );
    expect((crds.columnDefinitions as JsonObject[]).map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    expect(cells(crds)).toEqual([['widgets.example.com', '2026-02-01T10:00:00Z']]);
    const other = toTable(
      builtinType('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews'),
      [{ metadata: { name: 'x' } }],
      { now: NOW },
    );
    expect(cells(other)).toEqual([['x', '0001-01-01T00:00:00Z']]);
  });
});
