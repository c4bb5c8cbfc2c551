import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock.ts';

describe('KeyedLock', () => {
  it('never overlaps two holders of one key, lets other keys run, and survives a failure', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = lock.run('a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
      throw new Error('boom');
    });
    const second = lock.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = lock.run('b', async () => {
      log.push('b');
      return 'b';
    });
    expect(await other).toBe('b');
    release();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
    expect(lock.size).toBe(0);
  });
});
