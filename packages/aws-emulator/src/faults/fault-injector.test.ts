import { describe, expect, it } from 'vitest';
import { FaultInjector, InvalidFaultRuleError } from './fault-injector.ts';
import { faultError } from './fault-rules.ts';

describe('FaultInjector', () => {
  it('applies a rule to the next N matching calls only', () => {
    const faults = new FaultInjector();
    faults.throttle({ service: 'sts', count: 2 });
    const call = { service: 'sts', accountId: '111111111111' };
    expect(faults.takeFailure(call, false)).toBeDefined();
    expect(faults.takeFailure({ service: 'eks' }, false)).toBeUndefined();
    expect(faults.takeFailure(call, false)).toBeDefined();
    expect(faults.takeFailure(call, false)).toBeUndefined();
    expect(faults.list()[0].hits).toBe(2);
  });

  it('keeps operation rules for the moment the operation is known', () => {
    const faults = new FaultInjector();
    faults.fail({ service: 'vpc-lattice', operation: 'CreateService', count: 1 });
    expect(faults.takeFailure({ service: 'vpc-lattice' }, false)).toBeUndefined();
    expect(faults.takeFailure({ service: 'vpc-lattice', operation: 'ListServices' }, true)).toBeUndefined();
    expect(faults.takeFailure({ service: 'vpc-lattice', operation: 'CreateService' }, true)).toMatchObject({ kind: 'error' });
  });

  it('answers consistency delays, distinguishing "no rule" from 0', () => {
    const faults = new FaultInjector();
    expect(faults.consistencyOverrideMs('ram', 'AssociateResourceShare')).toBeUndefined();
    faults.consistencyDelay({ service: 'ram', delayMs: 0 });
    expect(faults.consistencyOverrideMs('ram', 'AssociateResourceShare')).toBe(0);
    faults.consistencyDelay({ service: 'ram', operation: 'AssociateResourceShare', delayMs: 2000 });
    expect(faults.consistencyDelayMs('ram', 'AssociateResourceShare')).toBe(2000);
  });

  it('renders each service and protocol its own error codes', () => {
    const faults = new FaultInjector();
    const throttle = faults.throttle({ retryAfterSeconds: 3 });
    expect(faultError(throttle, 'sts', 'awsQuery')).toMatchObject({ code: 'Throttling', status: 400, message: 'Rate exceeded' });
    expect(faultError(throttle, 'eks', 'restJson1')).toMatchObject({ code: 'ThrottlingException', status: 429, fields: { retryAfterSeconds: 3 } });
    const fail = faults.fail({});
    expect(faultError(fail, 'ram', 'restJson1')).toMatchObject({ code: 'ServerInternalException', status: 500 });
    expect(faultError(fail, 'sts', 'awsQuery')).toMatchObject({ code: 'InternalFailure', faultType: 'Receiver' });
    const unavailable = faults.fail({ status: 503 });
    expect(faultError(unavailable, 'vpc-lattice', 'restJson1')).toMatchObject({ code: 'ServiceUnavailableException', status: 503 });
  });

  it('rejects invalid rules', () => {
    const faults = new FaultInjector();
    expect(() => faults.add({ kind: 'error', status: 404 })).toThrow(InvalidFaultRuleError);
    expect(() => faults.add({ kind: 'throttle', count: 0 })).toThrow('count must be a positive integer');
    expect(() => faults.add({ kind: 'latency' })).toThrow('latencyMs');
  });
});
