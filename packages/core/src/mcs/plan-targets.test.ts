import { describe, expect, it } from 'vitest';
import {
  diffTargets,
  LATTICE_TARGETS_PER_CALL,
  selectTargets,
  targetBatches,
} from './plan-targets.ts';
import type { Target } from './plan-targets.ts';
import type { ObservedEndpoint } from './types.ts';

const http = { name: 'http', port: 80, protocol: 'TCP' as const };

function pods(prefix: string, n: number): Target[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    port: 8080,
  }));
}

describe('selectTargets', () => {
  it('takes ready, non-terminating endpoints of the port, sorted and unique', () => {
    const endpoints: ObservedEndpoint[] = [
      { ip: '10.0.0.3', port: 8080, portName: 'http', ready: true },
      { ip: '10.0.0.1', port: 8080, portName: 'http', ready: true },
      { ip: '10.0.0.1', port: 8080, portName: 'http', ready: true },
      { ip: '10.0.0.2', port: 8080, portName: 'http', ready: false },
      {
        ip: '10.0.0.4',
        port: 8080,
        portName: 'http',
        ready: true,
        serving: true,
        terminating: true,
      },
      { ip: '10.0.0.5', port: 9090, portName: 'metrics', ready: true },
    ];
    expect(selectTargets(endpoints, http)).toEqual([
      { id: '10.0.0.1', port: 8080 },
      { id: '10.0.0.3', port: 8080 },
    ]);
  });

  it('falls back to serving terminating endpoints only when none is ready (as kube-proxy does)', () => {
    const endpoints: ObservedEndpoint[] = [
      {
        ip: '10.0.0.4',
        port: 8080,
        portName: 'http',
        ready: false,
        serving: true,
        terminating: true,
      },
      {
        ip: '10.0.0.5',
        port: 8080,
        portName: 'http',
        ready: false,
        serving: false,
        terminating: true,
      },
      { ip: '10.0.0.6', port: 8080, portName: 'http', ready: false },
    ];
    expect(selectTargets(endpoints, http)).toEqual([{ id: '10.0.0.4', port: 8080 }]);
  });

  it('matches unnamed ports and keeps to the target group IP family', () => {
    const endpoints: ObservedEndpoint[] = [
      { ip: '10.0.0.1', port: 8080, ready: true },
      { ip: 'fd00::1', port: 8080, ready: true },
    ];
    const unnamed = { name: '', port: 80, protocol: 'TCP' as const };
    expect(selectTargets(endpoints, unnamed)).toEqual([{ id: '10.0.0.1', port: 8080 }]);
    expect(selectTargets(endpoints, unnamed, 'IPv6')).toEqual([{ id: 'fd00::1', port: 8080 }]);
  });
});

describe('diffTargets', () => {
  it('does nothing when current equals desired, in any order', () => {
    const d = diffTargets(pods('10.0', 5), [...pods('10.0', 5)].reverse());
    expect(d).toEqual({ register: [], deregister: [], registerBatches: [], deregisterBatches: [] });
  });

  it('turns a rolling update of 100 pods into one register and one deregister call', () => {
    const d = diffTargets(pods('10.0', 100), pods('10.1', 100));
    expect(d.register).toHaveLength(100);
    expect(d.deregister).toHaveLength(100);
    expect(d.registerBatches).toHaveLength(1);
    expect(d.deregisterBatches).toHaveLength(1);
  });

  it('batches at the Lattice limit of 100 targets per call', () => {
    expect(LATTICE_TARGETS_PER_CALL).toBe(100);
    const d = diffTargets([], pods('10.0', 250));
    expect(d.registerBatches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(d.registerBatches.flat()).toEqual(d.register);
  });

  it('treats the same IP on another port as another target', () => {
    const d = diffTargets([{ id: '10.0.0.1', port: 8080 }], [{ id: '10.0.0.1', port: 8081 }]);
    expect(d.register).toEqual([{ id: '10.0.0.1', port: 8081 }]);
    expect(d.deregister).toEqual([{ id: '10.0.0.1', port: 8080 }]);
  });

  it('de-duplicates its inputs', () => {
    const t = { id: '10.0.0.1', port: 8080 };
    expect(diffTargets([], [t, { ...t }]).register).toEqual([t]);
  });

  it('refuses a batch size below 1', () => {
    expect(() => targetBatches([1], 0)).toThrow(RangeError);
  });
});
