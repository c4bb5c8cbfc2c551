import { describe, expect, it } from 'vitest';
import {
  getCondition,
  isConditionTrue,
  removeCondition,
  setCondition,
  summarizeReady,
} from './conditions.ts';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:05:00Z');

describe('setCondition', () => {
  it('adds a condition with the transition time', () => {
    const list = setCondition([], { type: 'Connected', status: 'True', reason: 'Heartbeat' }, t0);
    expect(list).toEqual([
      {
        type: 'Connected',
        status: 'True',
        reason: 'Heartbeat',
        message: '',
        lastTransitionTime: t0.toISOString(),
      },
    ]);
  });

  it('keeps lastTransitionTime while the status stays, moves it when the status changes', () => {
    let list = setCondition([], { type: 'Connected', status: 'True', reason: 'Heartbeat' }, t0);
    list = setCondition(
      list,
      { type: 'Connected', status: 'True', reason: 'Heartbeat', message: 'ok' },
      t1,
    );
    expect(getCondition(list, 'Connected')).toMatchObject({
      lastTransitionTime: t0.toISOString(),
      message: 'ok',
    });
    list = setCondition(list, { type: 'Connected', status: 'False', reason: 'Unreachable' }, t1);
    expect(getCondition(list, 'Connected')?.lastTransitionTime).toBe(t1.toISOString());
    expect(isConditionTrue(list, 'Connected')).toBe(false);
    expect(removeCondition(list, 'Connected')).toEqual([]);
  });

  it('does not mutate its input', () => {
    const input = setCondition([], { type: 'A', status: 'True', reason: 'R' }, t0);
    setCondition(input, { type: 'A', status: 'False', reason: 'R' }, t1);
    expect(input[0]?.status).toBe('True');
  });
});

describe('summarizeReady', () => {
  it('is True when every dependency is True', () => {
    const list = setCondition([], { type: 'A', status: 'True', reason: 'R' }, t0);
    expect(summarizeReady(list, ['A'])).toMatchObject({ status: 'True', reason: 'Ready' });
  });

  it('surfaces the first False dependency ahead of Unknown ones', () => {
    let list = setCondition(
      [],
      { type: 'A', status: 'Unknown', reason: 'Pending', message: 'waiting' },
      t0,
    );
    list = setCondition(
      list,
      { type: 'B', status: 'False', reason: 'AccessDenied', message: 'role x denied' },
      t0,
    );
    expect(summarizeReady(list, ['A', 'B'])).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'AccessDenied',
      message: 'B: role x denied',
    });
    expect(summarizeReady([], ['C'])).toMatchObject({
      status: 'Unknown',
      reason: 'NotYetReconciled',
    });
  });
});
