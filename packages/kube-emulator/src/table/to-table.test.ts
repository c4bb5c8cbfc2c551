import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../json.ts';
import { toTable } from './index.ts';
import { NOW, cells, header, meta, typeOf } from './test-table-helpers.ts';

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
