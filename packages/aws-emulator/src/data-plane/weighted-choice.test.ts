import { describe, expect, it } from 'vitest';
import { chooseTargetGroup, RoundRobin } from './weighted-choice.ts';

describe('weighted choice', () => {
  const groups = [
    { targetGroupId: 'a', weight: 90 },
    { targetGroupId: 'z', weight: 0 },
    { targetGroupId: 'b', weight: 10 },
  ];

  it('maps the random draw onto weight intervals, never to weight 0', () => {
    expect(chooseTargetGroup(groups, () => 0)?.targetGroupId).toBe('a');
    expect(chooseTargetGroup(groups, () => 0.899)?.targetGroupId).toBe('a');
    expect(chooseTargetGroup(groups, () => 0.9)?.targetGroupId).toBe('b');
    expect(chooseTargetGroup(groups, () => 0.9999)?.targetGroupId).toBe('b');
  });

  it('has nothing to choose when every weight is 0', () => {
    expect(chooseTargetGroup([{ targetGroupId: 'z', weight: 0 }], () => 0.5)).toBeUndefined();
  });

  it('round-robins per key', () => {
    const rr = new RoundRobin();
    expect([1, 2, 3, 4].map(() => rr.pick('g', ['x', 'y']))).toEqual(['x', 'y', 'x', 'y']);
    expect(rr.pick('h', [])).toBeUndefined();
  });
});
