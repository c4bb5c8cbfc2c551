import { ConflictError } from '@trellis/core';
import { describe, expect, it } from 'vitest';
import { canonicalJson, IdempotencyStore } from './idempotency-store.ts';

const ok = (body: unknown) => async () => ({ statusCode: 202, headers: {}, body });

describe('IdempotencyStore', () => {
  it('runs the work once per key and replays its response', async () => {
    const store = new IdempotencyStore();
    let runs = 0;
    const work = async () => ({ statusCode: 202, headers: {}, body: { run: ++runs } });
    const [a, b] = await Promise.all([
      store.run('s', 'k', 'f', work),
      store.run('s', 'k', 'f', work),
    ]);
    expect(runs).toBe(1);
    expect(a).toMatchObject({ body: { run: 1 }, replayed: false });
    expect(b).toMatchObject({ body: { run: 1 }, replayed: true });
  });

  it('refuses the same key with another body, and scopes keys per caller', async () => {
    const store = new IdempotencyStore();
    await store.run('alice', 'k', 'f1', ok(1));
    await expect(store.run('alice', 'k', 'f2', ok(2))).rejects.toBeInstanceOf(ConflictError);
    expect((await store.run('bob', 'k', 'f2', ok(2))).replayed).toBe(false);
  });

  it('forgets failures and expired keys', async () => {
    let now = 0;
    const store = new IdempotencyStore({ ttlMs: 1000, now: () => now });
    await expect(
      store.run('s', 'k', 'f', async () => Promise.reject(new Error('x'))),
    ).rejects.toThrow('x');
    expect((await store.run('s', 'k', 'f', ok(1))).replayed).toBe(false);
    now = 2000;
    expect((await store.run('s', 'k', 'f2', ok(2))).replayed).toBe(false);
  });

  it('fingerprints JSON independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
