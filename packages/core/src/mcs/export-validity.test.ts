import { describe, expect, it } from 'vitest';
import { MCS_ANNOTATIONS } from './annotations.ts';
import { validateExport } from './export-validity.ts';
import { observedExport, service } from './observed-export.fixture.ts';

describe('validateExport', () => {
  it('accepts ClusterIP, NodePort, LoadBalancer and headless Services', () => {
    for (const type of ['ClusterIP', 'NodePort', 'LoadBalancer'] as const) {
      expect(
        validateExport(observedExport({ cluster: 'blue', service: service({ type }) })),
      ).toEqual({ valid: true });
    }
    expect(
      validateExport(observedExport({ cluster: 'blue', service: service({ headless: true }) })),
    ).toEqual({
      valid: true,
    });
  });

  it('reports a missing Service as NoService', () => {
    const { service: _omit, ...rest } = observedExport({ cluster: 'blue' });
    const result = validateExport(rest);
    expect(result).toMatchObject({ valid: false, reason: 'NoService' });
    expect(!result.valid && result.message).toMatch(/no Service shop\/inventory in cluster blue/);
  });

  it('rejects ExternalName Services as InvalidServiceType', () => {
    expect(
      validateExport(
        observedExport({ cluster: 'blue', service: service({ type: 'ExternalName' }) }),
      ),
    ).toMatchObject({
      valid: false,
      reason: 'InvalidServiceType',
    });
  });

  it('rejects Services without ports', () => {
    expect(
      validateExport(observedExport({ cluster: 'blue', service: service({ ports: [] }) })),
    ).toMatchObject({
      valid: false,
      reason: 'NoPorts',
    });
  });

  it('rejects ports Lattice cannot carry as UnsupportedProtocol', () => {
    const e = observedExport({
      cluster: 'blue',
      service: service({
        ports: [
          { name: 'http', port: 80, protocol: 'TCP' },
          { name: 'dns', port: 53, protocol: 'UDP' },
        ],
      }),
    });
    const result = validateExport(e);
    expect(result).toMatchObject({ valid: false, reason: 'UnsupportedProtocol' });
    expect(!result.valid && result.message).toMatch(/UDP/);
  });

  it('names the annotation that does not parse', () => {
    const result = validateExport(
      observedExport({
        cluster: 'blue',
        annotations: { [MCS_ANNOTATIONS.healthCheckPort]: 'eighty' },
      }),
    );
    expect(result).toMatchObject({ valid: false, reason: 'InvalidAnnotation' });
    expect(!result.valid && result.message).toContain(MCS_ANNOTATIONS.healthCheckPort);
  });
});
