import { randomUUID } from 'node:crypto';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue, redisConnectionOptions } from '../src/index.ts';

let redis: RedisHandle;
const queues: JobQueue<{ n: number }>[] = [];

beforeAll(async () => {
  redis = await getRedis();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close(1000)));
});
afterAll(async () => {
  await redis.stop();
});

function newQueue(): JobQueue<{ n: number }> {
  const queue = new JobQueue<{ n: number }>({
    name: 'steps',
    connection: redisConnectionOptions(redis.url),
    prefix: `test-${randomUUID()}`,
    backoff: { baseMs: 20, capMs: 100 },
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

describe('JobQueue', () => {
  it('runs a job once per id, even when the id is added again before and after it ran', async () => {
    const queue = newQueue();
    const seen: string[] = [];
    await queue.add('u:0:1', { n: 1 }, 200);
    await queue.add('u:0:1', { n: 2 }, 0);
    expect(await queue.state('u:0:1')).toBe('delayed');
    queue.start(async (job) => {
      seen.push(`${job.id}=${job.data.n}`);
    });
    await waitFor(() => seen.length === 1);
    await queue.add('u:0:1', { n: 3 });
    await queue.add('u:0:2', { n: 4 });
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual(['u:0:1=1', 'u:0:2=4']);
    expect(await queue.state('u:0:1')).toBe('completed');
  });

  it('retries a failing job with the same id and data', async () => {
    const queue = newQueue();
    const attempts: number[] = [];
    queue.start(async (job) => {
      attempts.push(job.attempt);
      if (attempts.length < 3) throw new Error('AWS said no');
    });
    await queue.add('u:rollback:0', { n: 7 });
    await waitFor(() => attempts.length === 3);
    expect(attempts).toEqual([0, 1, 2]);
  });
});
