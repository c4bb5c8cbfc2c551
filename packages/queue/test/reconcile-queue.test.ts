import { randomUUID } from 'node:crypto';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import { RequeueAfter, ValidationError } from '@trellis/core';
import { Registry } from 'prom-client';
import { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReconcileQueue, redisConnectionOptions, type ReconcileContext } from '../src/index.ts';

let redis: RedisHandle;
const queues: ReconcileQueue[] = [];

beforeAll(async () => {
  redis = await getRedis();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close(1000)));
});
afterAll(async () => {
  await redis.stop();
});

function newQueue(registry?: Registry, prefix = `test-${randomUUID()}`): ReconcileQueue {
  const queue = new ReconcileQueue({
    name: 'tenant',
    connection: redisConnectionOptions(redis.url),
    prefix,
    backoff: { baseMs: 20, capMs: 100 },
    concurrency: 2,
    ...(registry ? { registry } : {}),
  });
  queues.push(queue);
  return queue;
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ReconcileQueue', () => {
  it('collapses repeated events for a pending key into one reconcile', async () => {
    const queue = newQueue();
    await queue.enqueue('acme');
    await queue.enqueue('acme');
    await queue.enqueue('acme');
    await queue.enqueue('globex');
    const seen: string[] = [];
    queue.start(async ({ key }) => {
      seen.push(key);
    });
    await waitFor(() => seen.length >= 2);
    await sleep(200);
    expect(seen.sort()).toEqual(['acme', 'globex']);
  });

  it('runs exactly one follow-up when events arrive during a reconcile, never two at once', async () => {
    const queue = newQueue();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: (() => void) | undefined;
    queue.start(async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      runs += 1;
      if (runs === 1) await new Promise<void>((r) => (release = r));
      running -= 1;
    });
    await queue.enqueue('acme');
    await waitFor(() => release !== undefined);
    await queue.enqueue('acme', 'edit-1');
    await queue.enqueue('acme', 'edit-2');
    release?.();
    await waitFor(() => runs === 2);
    await sleep(200);
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('retries failures with backoff, counting attempts, until the reconcile succeeds', async () => {
    const queue = newQueue();
    const attempts: number[] = [];
    queue.start(async ({ attempt }) => {
      attempts.push(attempt);
      if (attempts.length < 3) throw new Error('AWS said no');
    });
    await queue.enqueue('acme');
    await waitFor(() => attempts.length === 3);
    await sleep(150);
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('does not retry invalid input', async () => {
    const queue = newQueue();
    let runs = 0;
    queue.start(async () => {
      runs += 1;
      throw new ValidationError([{ field: 'spec.region', message: 'bad' }]);
    });
    await queue.enqueue('acme');
    await waitFor(() => runs === 1);
    await sleep(300);
    expect(runs).toBe(1);
  });

  it('requeues after the requested delay, and an event cuts the wait short', async () => {
    const queue = newQueue();
    const reasons: string[] = [];
    queue.start(async ({ reason }: ReconcileContext) => {
      reasons.push(reason);
      if (reasons.length === 1) return { requeueAfterMs: 60_000 };
      if (reasons.length === 2) throw new RequeueAfter(50, 'association still creating');
      return undefined;
    });
    await queue.enqueue('acme', 'event');
    await waitFor(() => reasons.length === 1);
    await sleep(100);
    expect(await queue.counts()).toMatchObject({ delayed: 1 });
    await queue.enqueue('acme', 'edit');
    await waitFor(() => reasons.length === 3);
    expect(reasons).toEqual(['event', 'edit', 'requeue']);
  });

  it('waits for the in-flight reconcile to finish when stopped', async () => {
    const queue = newQueue();
    let finished = false;
    let started = false;
    queue.start(async () => {
      started = true;
      await sleep(300);
      finished = true;
    });
    await queue.enqueue('acme');
    await waitFor(() => started);
    await queue.stop(10_000);
    expect(finished).toBe(true);
  });

  it("a new leader runs at once the reconciles a killed leader's worker left active", async () => {
    const prefix = `test-${randomUUID()}`;
    const before = newQueue(undefined, prefix);
    await before.enqueue('acme');
    // the old leader: picks the job up and dies in the middle (never finishes, never unlocks)
    let picked = false;
    const dead = new Worker(
      'tenant',
      async () => {
        picked = true;
        await new Promise(() => {});
      },
      { connection: redisConnectionOptions(redis.url), prefix, skipStalledCheck: true },
    );
    await waitFor(() => picked);
    await dead.close(true);
    await before.enqueue('acme', 'event'); // held behind the active job by deduplication

    const after = newQueue(undefined, prefix);
    expect(await after.releaseOrphans()).toEqual(['acme']);
    const seen: string[] = [];
    after.start(async ({ key }) => {
      seen.push(key);
    });
    await waitFor(() => seen.length >= 1, 5_000); // BullMQ alone: lock expiry + stalled checks, > 30 s
    expect(new Set(seen)).toEqual(new Set(['acme'])); // (and the held event's follow-up)
    expect(await after.releaseOrphans().catch((e: Error) => e.message)).toMatch(/is running/);
  });

  it('reports reconcile results and queue depth as Prometheus metrics', async () => {
    const registry = new Registry();
    const queue = newQueue(registry);
    await queue.enqueue('acme');
    await queue.enqueue('globex');
    expect(await registry.getSingleMetricAsString('trellis_queue_depth')).toMatch(
      /trellis_queue_depth\{queue="tenant",state="waiting"\} 2/,
    );
    let runs = 0;
    queue.start(async () => {
      runs += 1;
    });
    await waitFor(() => runs === 2);
    await sleep(100);
    expect(await registry.getSingleMetricAsString('trellis_reconcile_total')).toMatch(
      /trellis_reconcile_total\{controller="tenant",result="success"\} 2/,
    );
  });
});
