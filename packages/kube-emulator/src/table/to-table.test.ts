import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../json.ts';
import {
  SERVICE_EXPORT_V1ALPHA1,
  TEST_TYPES,
  WIDGET_V1,
  builtinType,
} from '../discovery/test-resource-types.ts';
import { toTable } from './index.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const typeOf = (group: string, plural: string) => {
  const t = TEST_TYPES.find((x) => x.group === group && x.plural === plural);
  if (!t) throw new Error(`no fixture ${group}/${plural}`);
  return t;
};
const meta = (name: string, ageMs: number, extra: JsonObject = {}): JsonObject => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '42',
  creationTimestamp: new Date(NOW.getTime() - ageMs).toISOString().replace(/\.\d+Z$/, 'Z'),
  ...extra,
});
const header = (t: JsonObject) =>
  (t.columnDefinitions as JsonObject[]).map(
    (c) => `${typeof c.name === 'string' ? c.name : ''}${c.priority ? '*' : ''}`,
  );
const cells = (t: JsonObject) => (t.rows as JsonObject[]).map((r) => r.cells);

describe('toTable: pods', () => {
  const running: JsonObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('web-1', 5 * 60_000, { labels: { app: 'web' } }),
    spec: { nodeName: 'node-a', containers: [{ name: 'app' }, { name: 'sidecar' }] },
    status: {
      phase: 'Running',
      podIP: '10.0.0.7',
      podIPs: [{ ip: '10.0.0.7' }],
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          restartCount: 2,
          state: { running: {} },
          lastState: { terminated: { exitCode: 1, finishedAt: '2026-03-01T11:58:00Z' } },
        },
        {
          name: 'sidecar',
          ready: false,
          restartCount: 1,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        },
      ],
    },
  };

  it('prints NAME READY STATUS RESTARTS AGE and the wide columns', () => {
    const table = toTable(typeOf('', 'pods'), [running], {
      now: NOW,
      listMeta: { resourceVersion: '99', continue: '' },
    });
    expect(table).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '99' },
    });
    expect(table.metadata).not.toHaveProperty('continue');
    expect(header(table)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP*',
      'Node*',
      'Nominated Node*',
      'Readiness Gates*',
    ]);
    expect((table.columnDefinitions as JsonObject[])[0]).toMatchObject({
      name: 'Name',
      type: 'string',
      format: 'name',
      priority: 0,
    });
    expect(cells(table)).toEqual([
      [
        'web-1',
        '1/2',
        'CrashLoopBackOff',
        '3 (2m ago)',
        '5m',
        '10.0.0.7',
        'node-a',
        '<none>',
        '<none>',
      ],
    ]);
  });

  it('returns PartialObjectMetadata by default, the object or nothing on request', () => {
    const type = typeOf('', 'pods');
    const byDefault = (toTable(type, [running], { now: NOW }).rows as JsonObject[])[0];
    expect(byDefault?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: running.metadata,
    });
    expect(
      (toTable(type, [running], { includeObject: 'Object' }).rows as JsonObject[])[0]?.object,
    ).toBe(running);
    expect(
      (toTable(type, [running], { includeObject: 'None' }).rows as JsonObject[])[0],
    ).not.toHaveProperty('object');
    const beta = toTable(type, [running], { apiVersion: 'meta.k8s.io/v1beta1' });
    expect(beta.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(((beta.rows as JsonObject[])[0]?.object as JsonObject).apiVersion).toBe(
      'meta.k8s.io/v1beta1',
    );
  });

  it('follows the real status rules', () => {
    const type = typeOf('', 'pods');
    const pod = (
      status: JsonObject,
      extra: JsonObject = {},
      spec: JsonObject = { containers: [{ name: 'a' }] },
    ): JsonObject => ({
      metadata: meta('p', 1000, extra),
      spec,
      status,
    });
    const statusOf = (p: JsonObject) =>
      (cells(toTable(type, [p], { now: NOW }))[0] as JsonValue[])[2];
    expect(statusOf(pod({ phase: 'Pending' }))).toBe('Pending');
    expect(
      statusOf(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }],
        }),
      ),
    ).toBe('Running');
    expect(statusOf(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
    expect(
      statusOf(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137, signal: 9 } } }],
        }),
      ),
    ).toBe('Signal:9');
    expect(
      statusOf(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }],
        }),
      ),
    ).toBe('ExitCode:3');
    expect(statusOf(pod({ phase: 'Running' }, { deletionTimestamp: '2026-03-01T12:00:00Z' }))).toBe(
      'Terminating',
    );
    expect(
      statusOf(pod({ phase: 'Succeeded' }, { deletionTimestamp: '2026-03-01T12:00:00Z' })),
    ).toBe('Succeeded');
    const withInit = {
      initContainers: [{ name: 'i1' }, { name: 'i2' }],
      containers: [{ name: 'a' }],
    };
    expect(
      statusOf(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              { name: 'i1', state: { terminated: { exitCode: 0 } } },
              { name: 'i2', state: { running: {} } },
            ],
          },
          {},
          withInit,
        ),
      ),
    ).toBe('Init:1/2');
    expect(
      statusOf(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              { name: 'i1', state: { waiting: { reason: 'ImagePullBackOff' } } },
            ],
          },
          {},
          withInit,
        ),
      ),
    ).toBe('Init:ImagePullBackOff');
    expect(
      statusOf(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 2 } } }],
          },
          {},
          withInit,
        ),
      ),
    ).toBe('Init:ExitCode:2');
    const done = toTable(
      type,
      [
        pod({
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        }),
      ],
      { now: NOW },
    );
    expect((cells(done)[0] as JsonValue[])[2]).toBe('Completed');
    expect((done.rows as JsonObject[])[0]?.conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
  });
});

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

describe('toTable: custom resources', () => {
  it('prints Name and Age when the CRD has no printer columns', () => {
    const table = toTable(SERVICE_EXPORT_V1ALPHA1, [{ metadata: meta('web', 90_000) }], {
      now: NOW,
    });
    expect(
      (table.columnDefinitions as JsonObject[]).map((c) => [c.name, c.type, c.format]),
    ).toEqual([
      ['Name', 'string', 'name'],
      ['Age', 'date', ''],
    ]);
    expect(cells(table)).toEqual([['web', '90s']]);
  });

  it('evaluates additionalPrinterColumns with their types', () => {
    const table = toTable(
      WIDGET_V1,
      [
        {
          metadata: meta('w1', 3_600_000),
          spec: { replicas: 3, color: 'red' },
          status: { ready: true },
        },
        { metadata: meta('w2', 3_600_000), spec: { replicas: 'three', color: 7 } },
        { metadata: meta('w3', 3_600_000), spec: { color: { b: 1, a: [1, 'x'] } } },
      ],
      { now: NOW },
    );
    expect(table.columnDefinitions).toEqual([
      expect.objectContaining({ name: 'Name', format: 'name' }),
      { name: 'Replicas', type: 'integer', format: '', description: '', priority: 0 },
      { name: 'Color', type: 'string', format: '', description: 'the colour', priority: 0 },
      { name: 'Ready', type: 'boolean', format: '', description: '', priority: 1 },
      { name: 'Age', type: 'date', format: '', description: '', priority: 0 },
    ]);
    expect(cells(table)).toEqual([
      ['w1', 3, 'red', true, '60m'],
      ['w2', null, '7', null, '60m'],
      ['w3', null, '{"a":[1,"x"],"b":1}', null, '60m'],
    ]);
  });
});
