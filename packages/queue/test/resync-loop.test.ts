import { describe, expect, it } from 'vitest';
import { ResyncLoop } from '../src/index.ts';

describe('ResyncLoop', () => {
  it('queues every key at start and again each interval until stopped', async () => {
    const queued: string[] = [];
    const loop = new ResyncLoop({
      intervalMs: 30,
      listKeys: () => ['a', 'b'],
      enqueue: async (key, reason) => {
        queued.push(`${key}:${reason}`);
      },
    });
    loop.start();
    await new Promise((r) => setTimeout(r, 100));
    await loop.stop();
    const count = queued.length;
    expect(count).toBeGreaterThanOrEqual(4);
    expect(queued.slice(0, 2)).toEqual(['a:resync', 'b:resync']);
    await new Promise((r) => setTimeout(r, 80));
    expect(queued.length).toBe(count);
  });

  it('keeps going after a failing listing', async () => {
    let calls = 0;
    const loop = new ResyncLoop({
      intervalMs: 10,
      listKeys: () => {
        calls += 1;
        if (calls === 1) throw new Error('cache not synced');
        return ['a'];
      },
      enqueue: async () => {},
    });
    loop.start();
    await new Promise((r) => setTimeout(r, 80));
    await loop.stop();
    expect(calls).toBeGreaterThan(1);
  });
});
