import { describe, expect, it } from 'vitest';
import { resolveExportConflicts } from './conflicts.ts';
import type { ExportOutcome } from './conflicts.ts';
import { observedExport, service } from './observed-export.fixture.ts';

const older = '2026-01-01T00:00:00Z';
const newer = '2026-02-01T00:00:00Z';

function outcome(map: Map<string, ExportOutcome>, cluster: string): ExportOutcome {
  const o = map.get(cluster);
  if (o === undefined) throw new Error(`no outcome for ${cluster}`);
  return o;
}

describe('resolveExportConflicts', () => {
  it('merges agreeing exports without conflict; the oldest is the winner', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'green', createdAt: newer }),
      observedExport({ cluster: 'blue', createdAt: older }),
    ]);
    expect(r.service).toMatchObject({
      winner: 'blue',
      type: 'ClusterSetIP',
      sessionAffinity: 'None',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    });
    expect(outcome(r.perExport, 'blue')).toEqual({ kind: 'included', servedPorts: ['http'] });
    expect(outcome(r.perExport, 'green')).toEqual({ kind: 'included', servedPorts: ['http'] });
  });

  it('breaks equal creationTimestamps by cluster name', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'green', service: service({ headless: true }) }),
      observedExport({ cluster: 'blue' }),
    ]);
    expect(r.service?.winner).toBe('blue');
    expect(r.service?.type).toBe('ClusterSetIP');
    expect(outcome(r.perExport, 'green').kind).toBe('excluded');
  });

  it('KEP: headlessness follows the oldest export; the other is excluded with TypeConflict', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'blue', createdAt: newer }),
      observedExport({ cluster: 'green', createdAt: older, service: service({ headless: true }) }),
    ]);
    expect(r.service?.type).toBe('Headless');
    const blue = outcome(r.perExport, 'blue');
    expect(blue.kind).toBe('excluded');
    expect(blue.kind === 'excluded' && blue.conflict.reasons).toEqual(['TypeConflict']);
    expect(blue.kind === 'excluded' && blue.conflict.message).toMatch(
      /ClusterSetIP here but Headless in cluster green/,
    );
    // The KEP sets Conflict on all exports of the conflicted service; the winner keeps serving.
    const green = outcome(r.perExport, 'green');
    expect(green).toMatchObject({
      kind: 'included',
      servedPorts: ['http'],
      conflict: { reasons: ['TypeConflict'] },
    });
    expect(green.kind === 'included' && green.conflict?.message).toMatch(
      /this export is the oldest/,
    );
  });

  it('KEP: session affinity follows the oldest export', () => {
    const r = resolveExportConflicts([
      observedExport({
        cluster: 'blue',
        createdAt: older,
        service: service({ sessionAffinity: 'ClientIP' }),
      }),
      observedExport({
        cluster: 'green',
        createdAt: newer,
        service: service({ sessionAffinity: 'None' }),
      }),
    ]);
    expect(r.service?.sessionAffinity).toBe('ClientIP');
    const green = outcome(r.perExport, 'green');
    expect(green.kind === 'excluded' && green.conflict.reasons).toEqual([
      'SessionAffinityConflict',
    ]);
  });

  it('reports both service-wide conflicts with combined reasons', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'blue', createdAt: older }),
      observedExport({
        cluster: 'green',
        createdAt: newer,
        service: service({ headless: true, sessionAffinity: 'ClientIP' }),
      }),
    ]);
    const green = outcome(r.perExport, 'green');
    expect(green.kind === 'excluded' && green.conflict.reasons).toEqual([
      'TypeConflict',
      'SessionAffinityConflict',
    ]);
  });

  it('KEP: exposes the union of ports; each port goes only to clusters exposing it', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'blue', createdAt: older }),
      observedExport({
        cluster: 'green',
        createdAt: newer,
        service: service({
          ports: [
            { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
            { name: 'metrics', port: 9090, protocol: 'TCP' },
          ],
        }),
      }),
    ]);
    expect(r.service?.ports.map((p) => p.name)).toEqual(['http', 'metrics']);
    expect(outcome(r.perExport, 'blue')).toMatchObject({ kind: 'included', servedPorts: ['http'] });
    expect(outcome(r.perExport, 'green')).toMatchObject({
      kind: 'included',
      servedPorts: ['http', 'metrics'],
    });
    for (const c of ['blue', 'green']) {
      const o = outcome(r.perExport, c);
      expect(o.kind === 'included' && o.conflict?.reasons).toEqual(['PortConflict']);
      expect(o.kind === 'included' && o.conflict?.message).toMatch(
        /cluster blue lacks "metrics" 9090\/TCP/,
      );
    }
  });

  it('KEP: a port name reused with another port number keeps the oldest definition', () => {
    const r = resolveExportConflicts([
      observedExport({
        cluster: 'green',
        createdAt: newer,
        service: service({
          ports: [
            { name: 'http', port: 8080, protocol: 'TCP' },
            { name: 'admin', port: 9000, protocol: 'TCP' },
          ],
        }),
      }),
      observedExport({ cluster: 'blue', createdAt: older }),
    ]);
    expect(r.service?.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'admin', port: 9000, protocol: 'TCP' },
    ]);
    const green = outcome(r.perExport, 'green');
    expect(green).toMatchObject({ kind: 'included', servedPorts: ['admin'] });
    expect(green.kind === 'included' && green.conflict?.message).toMatch(
      /Port "http" 8080\/TCP differs from "http" 80\/TCP in cluster blue, whose export is older; this cluster gets no traffic on it\./,
    );
  });

  it('KEP: a differing appProtocol on the same port name is a PortConflict', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'blue', createdAt: older }),
      observedExport({
        cluster: 'green',
        createdAt: newer,
        service: service({
          ports: [{ name: 'http', port: 80, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }],
        }),
      }),
    ]);
    expect(outcome(r.perExport, 'green')).toMatchObject({
      kind: 'included',
      servedPorts: [],
      conflict: { reasons: ['PortConflict'] },
    });
  });

  it('KEP: the same protocol/port under another name is a PortConflict', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'blue', createdAt: older }),
      observedExport({
        cluster: 'green',
        createdAt: newer,
        service: service({ ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }),
      }),
    ]);
    expect(r.service?.ports.map((p) => p.name)).toEqual(['http']);
    const green = outcome(r.perExport, 'green');
    expect(green.kind === 'included' && green.conflict?.message).toMatch(/reuses 80\/TCP/);
  });

  it('an invalid older export does not win', () => {
    const r = resolveExportConflicts([
      observedExport({
        cluster: 'blue',
        createdAt: older,
        service: service({ type: 'ExternalName' }),
      }),
      observedExport({ cluster: 'green', createdAt: newer, service: service({ headless: true }) }),
    ]);
    expect(r.service).toMatchObject({ winner: 'green', type: 'Headless' });
    expect(outcome(r.perExport, 'blue')).toMatchObject({
      kind: 'invalid',
      reason: 'InvalidServiceType',
    });
  });

  it('invalidates exports from another account than the winner', () => {
    const r = resolveExportConflicts([
      observedExport({ cluster: 'blue', createdAt: older }),
      observedExport({ cluster: 'green', createdAt: newer, clusterAccountId: '444455556666' }),
    ]);
    expect(r.service?.accountId).toBe('111122223333');
    const green = outcome(r.perExport, 'green');
    expect(green).toMatchObject({ kind: 'invalid', reason: 'AccountMismatch' });
    expect(green.kind === 'invalid' && green.message).toMatch(
      /cluster green is in AWS account 444455556666, but this service's target groups live in account 111122223333/,
    );
    expect(outcome(r.perExport, 'blue')).toEqual({ kind: 'included', servedPorts: ['http'] });
  });

  it('has no service when no export is valid', () => {
    const { service: _s, ...noService } = observedExport({ cluster: 'blue' });
    const r = resolveExportConflicts([noService]);
    expect(r.service).toBeUndefined();
    expect(outcome(r.perExport, 'blue')).toMatchObject({ kind: 'invalid', reason: 'NoService' });
  });

  it('does not depend on input order', () => {
    const exports = [
      observedExport({ cluster: 'blue', createdAt: older }),
      observedExport({ cluster: 'green', createdAt: newer, service: service({ headless: true }) }),
      observedExport({ cluster: 'red', createdAt: newer, clusterAccountId: '444455556666' }),
    ];
    const a = resolveExportConflicts(exports);
    const b = resolveExportConflicts([...exports].reverse());
    expect(b.service).toEqual(a.service);
    expect(new Map([...b.perExport].sort())).toEqual(new Map([...a.perExport].sort()));
  });
});
