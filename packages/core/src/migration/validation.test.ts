import { describe, expect, it } from 'vitest';
import type { ClusterMigrationSpec } from '../api/cluster-migration.ts';
import {
  checkMigrationPlan,
  validateMigration,
  type ExportedServiceObservation,
  type MigrationValidationInput,
} from './validation.ts';

const NS = 'tenant-acme';
const http: ExportedServiceObservation['ports'] = [{ name: 'http', port: 80, protocol: 'TCP' }];

function exported(
  name: string,
  labels: Record<string, string> = {},
  ports = http,
): ExportedServiceObservation {
  return { namespace: 'shop', name, labels, ports };
}

function input(
  spec: Partial<ClusterMigrationSpec> = {},
  over: Partial<MigrationValidationInput> = {},
): MigrationValidationInput {
  return {
    namespace: NS,
    name: 'm1',
    spec: { fromCluster: 'blue', toCluster: 'green', services: { all: true }, ...spec },
    clusters: [
      { name: 'blue', namespace: NS, connected: true },
      { name: 'green', namespace: NS, connected: true },
    ],
    exports: {
      blue: [exported('cart', { tier: 'web' }), exported('pay'), exported('legacy')],
      green: [exported('cart', { tier: 'web' }), exported('pay')],
    },
    otherMigrations: [],
    ...over,
  };
}

describe('validateMigration', () => {
  it('accepts and resolves all services exported by both clusters, sorted', () => {
    expect(validateMigration(input())).toEqual({
      ok: true,
      services: [
        { namespace: 'shop', name: 'cart' },
        { namespace: 'shop', name: 'pay' },
      ],
    });
  });

  it('resolves a label selector', () => {
    expect(
      validateMigration(input({ services: { selector: { matchLabels: { tier: 'web' } } } })),
    ).toEqual({
      ok: true,
      services: [{ namespace: 'shop', name: 'cart' }],
    });
  });

  it('rejects listed services that one side does not export, per service', () => {
    const result = validateMigration(
      input({
        services: {
          list: [
            { namespace: 'shop', name: 'legacy' },
            { namespace: 'shop', name: 'cart' },
          ],
        },
      }),
    );
    expect(result).toEqual({
      ok: false,
      rejections: [
        {
          namespace: 'shop',
          name: 'legacy',
          reason: 'NotExported',
          message: 'not exported by green',
        },
      ],
    });
  });

  it('rejects incompatible ports and invalid exports', () => {
    const result = validateMigration(
      input(
        {},
        {
          exports: {
            blue: [exported('cart', {}, [...http, { port: 443, protocol: 'TCP' }])],
            green: [
              {
                ...exported('cart', {}, http),
                valid: false,
                invalidReason: 'Conflict: port 80 is UDP',
              },
            ],
          },
        },
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejections.map((r) => r.reason)).toEqual(['ExportInvalid', 'IncompatiblePorts']);
    expect(result.rejections[1]?.message).toBe(
      'green does not export 443/TCP that blue serves (it has 80/TCP)',
    );
  });

  it('rejects missing, foreign and disconnected clusters', () => {
    const result = validateMigration(
      input(
        {},
        {
          clusters: [
            { name: 'blue', namespace: NS, connected: false, message: 'token expired' },
            { name: 'green', namespace: 'tenant-other', connected: true },
          ],
        },
      ),
    );
    expect(result.ok === false && result.rejections.slice(0, 2)).toEqual([
      { reason: 'ClusterNotConnected', message: 'cluster "blue" is not connected: token expired' },
      {
        reason: 'ClusterNotInTenant',
        message: 'cluster "green" belongs to another tenant, not to namespace tenant-acme',
      },
    ]);
    const none = validateMigration(input({}, { clusters: [] }));
    expect(none.ok === false && none.rejections.map((r) => r.reason)).toEqual([
      'ClusterNotFound',
      'ClusterNotFound',
    ]);
  });

  it('rejects services another running migration holds, but not finished ones', () => {
    const busy = validateMigration(
      input(
        {},
        {
          otherMigrations: [
            { name: 'm0', phase: 'Paused', services: [{ namespace: 'shop', name: 'pay' }] },
          ],
        },
      ),
    );
    expect(busy).toEqual({
      ok: false,
      rejections: [
        {
          namespace: 'shop',
          name: 'pay',
          reason: 'MigrationInProgress',
          message: 'ClusterMigration "m0" (Paused) already moves this service',
        },
      ],
    });
    const done = validateMigration(
      input(
        {},
        {
          otherMigrations: [
            { name: 'm0', phase: 'Succeeded', services: [{ namespace: 'shop', name: 'pay' }] },
          ],
        },
      ),
    );
    expect(done.ok).toBe(true);
    // A migration does not conflict with itself.
    const self = validateMigration(
      input(
        {},
        {
          otherMigrations: [
            { name: 'm1', phase: 'Validating', services: [{ namespace: 'shop', name: 'pay' }] },
          ],
        },
      ),
    );
    expect(self.ok).toBe(true);
  });

  it('rejects an empty selection', () => {
    const result = validateMigration(
      input({ services: { selector: { matchLabels: { tier: 'db' } } } }),
    );
    expect(result.ok === false && result.rejections[0]?.reason).toBe('NoServices');
  });
});

describe('checkMigrationPlan', () => {
  const base: ClusterMigrationSpec = { fromCluster: 'a', toCluster: 'b', services: { all: true } };

  it('accepts the defaults and a valid plan', () => {
    expect(checkMigrationPlan(base)).toEqual([]);
    expect(
      checkMigrationPlan({
        ...base,
        steps: [
          { weightPercent: 0, pauseSeconds: 0 },
          { weightPercent: 100, pauseSeconds: 0 },
        ],
      }),
    ).toEqual([]);
  });

  it('names every problem of the plan', () => {
    const messages = checkMigrationPlan({
      ...base,
      toCluster: 'a',
      services: { all: true, list: [{ namespace: 'x', name: 'y' }] },
      steps: [
        { weightPercent: 50, pauseSeconds: -1 },
        { weightPercent: 50, pauseSeconds: 0 },
        { weightPercent: 90, pauseSeconds: 0 },
      ],
      healthGate: { minHealthyTargetRatio: 1.5, holdSeconds: 0 },
    }).map((p) => p.message);
    expect(messages).toEqual([
      'fromCluster and toCluster are both "a"',
      'steps[0].pauseSeconds must be an integer >= 0',
      'steps must strictly increase: steps[1] is 50% after 50%',
      'the last step must be 100% (it is 90%)',
      'healthGate.minHealthyTargetRatio must be from 0 to 1',
      'spec.services must set exactly one of all: true, list or selector',
    ]);
    expect(checkMigrationPlan({ ...base, steps: [] }).map((p) => p.message)).toEqual([
      'steps must not be empty',
    ]);
  });
});
