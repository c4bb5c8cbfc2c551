import { describe, expect, it } from 'vitest';
import { migrationJobId, parseMigrationJobId } from './job-id.ts';

describe('migration job ids', () => {
  it('are <uid>:<step>:<attempt> and parse back', () => {
    const uid = '6f1c2a4e-0b7d-4e53-9a51-3f0f7b1e2d10';
    expect(migrationJobId(uid, 2, 0)).toBe(`${uid}:2:0`);
    expect(parseMigrationJobId(`${uid}:2:0`)).toEqual({ uid, step: 2, attempt: 0 });
    expect(parseMigrationJobId(migrationJobId(uid, 'rollback', 3))).toEqual({
      uid,
      step: 'rollback',
      attempt: 3,
    });
    // exactly two colons: the only shape BullMQ accepts for a custom id containing ':'
    expect(migrationJobId(uid, 'finish', 1).split(':')).toHaveLength(3);
  });

  it('refuse ids BullMQ or the parser could not take', () => {
    expect(() => migrationJobId('a:b', 0, 0)).toThrow(RangeError);
    expect(() => migrationJobId('', 0, 0)).toThrow(RangeError);
    expect(() => migrationJobId('u', -1, 0)).toThrow(RangeError);
    expect(() => migrationJobId('u', 0, 1.5)).toThrow(RangeError);
    for (const bad of ['u:1', 'u:x:0', 'u:1:01', ':1:0', 'u:1:0:0']) {
      expect(parseMigrationJobId(bad)).toBeUndefined();
    }
  });
});
