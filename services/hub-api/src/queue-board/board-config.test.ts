import { describe, expect, it } from 'vitest';
import { queueBoardFromEnv } from './board-config.ts';

describe('queueBoardFromEnv', () => {
  it('is off without REDIS_URL', () => {
    expect(queueBoardFromEnv({})).toBeUndefined();
    expect(queueBoardFromEnv({ REDIS_URL: '' })).toBeUndefined();
  });

  it('defaults to hub "default", discovered queues, read-only', () => {
    expect(queueBoardFromEnv({ REDIS_URL: 'redis://r:6379' })).toEqual({
      redisUrl: 'redis://r:6379',
      hubId: 'default',
      readOnly: true,
    });
  });

  it('takes the hub id, a queue list, read-write and a session lifetime', () => {
    expect(
      queueBoardFromEnv({
        REDIS_URL: 'rediss://:pw@r:6380/2',
        TRELLIS_HUB_ID: 'eu-hub',
        TRELLIS_QUEUE_BOARD_QUEUES: 'tenant, workloadcluster,,',
        TRELLIS_QUEUE_BOARD_READ_ONLY: 'false',
        TRELLIS_QUEUE_BOARD_SESSION_SECONDS: '600',
      }),
    ).toEqual({
      redisUrl: 'rediss://:pw@r:6380/2',
      hubId: 'eu-hub',
      queues: ['tenant', 'workloadcluster'],
      readOnly: false,
      sessionTtlSeconds: 600,
    });
  });

  it.each([
    [{ REDIS_URL: 'http://r' }, /REDIS_URL/],
    [{ REDIS_URL: 'redis://r', TRELLIS_HUB_ID: 'Not_A_Label' }, /TRELLIS_HUB_ID/],
    [{ REDIS_URL: 'redis://r', TRELLIS_QUEUE_BOARD_QUEUES: 'a:b' }, /contains ':'/],
    [{ REDIS_URL: 'redis://r', TRELLIS_QUEUE_BOARD_READ_ONLY: 'yes' }, /READ_ONLY/],
    [{ REDIS_URL: 'redis://r', TRELLIS_QUEUE_BOARD_SESSION_SECONDS: '5' }, /SESSION_SECONDS/],
  ])('rejects %j', (env, message) => {
    expect(() => queueBoardFromEnv(env)).toThrow(message);
  });

  it('never repeats the Redis password in an error', () => {
    expect(() =>
      queueBoardFromEnv({ REDIS_URL: 'redis://:hunter2@r', TRELLIS_HUB_ID: 'BAD' }),
    ).toThrow(/^(?!.*hunter2)/);
  });
});
