// The queue board's settings from hub-api's environment (see main.ts for the variables).
import type { QueueBoardSettings } from './queue-board.ts';

/** The queue board's settings, or undefined without REDIS_URL; a bad value stops the start. */
export function queueBoardFromEnv(env: NodeJS.ProcessEnv): QueueBoardSettings | undefined {
  const redisUrl = env.REDIS_URL;
  if (redisUrl === undefined || redisUrl === '') return undefined;
  if (!/^rediss?:\/\//.test(redisUrl)) {
    throw new Error('REDIS_URL must start with redis:// or rediss://');
  }
  // Same rule as the hub-controller's TRELLIS_HUB_ID (services/hub-controller/src/config.ts).
  const hubId = env.TRELLIS_HUB_ID || 'default';
  if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(hubId)) {
    throw new Error('TRELLIS_HUB_ID must be a DNS label of at most 40 characters');
  }
  const queues = (env.TRELLIS_QUEUE_BOARD_QUEUES ?? '')
    .split(',')
    .map((q) => q.trim())
    .filter((q) => q !== '');
  const bad = queues.find((q) => q.includes(':'));
  if (bad !== undefined) throw new Error(`TRELLIS_QUEUE_BOARD_QUEUES: "${bad}" contains ':'`);
  const readOnlyRaw = env.TRELLIS_QUEUE_BOARD_READ_ONLY ?? 'true';
  if (readOnlyRaw !== 'true' && readOnlyRaw !== 'false') {
    throw new Error('TRELLIS_QUEUE_BOARD_READ_ONLY must be true or false');
  }
  const ttlRaw = env.TRELLIS_QUEUE_BOARD_SESSION_SECONDS;
  const ttl = ttlRaw === undefined || ttlRaw === '' ? undefined : Number(ttlRaw);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 60 || ttl > 86_400)) {
    throw new Error('TRELLIS_QUEUE_BOARD_SESSION_SECONDS must be an integer from 60 to 86400');
  }
  return {
    redisUrl,
    hubId,
    ...(queues.length > 0 ? { queues } : {}),
    readOnly: readOnlyRaw === 'true',
    ...(ttl !== undefined ? { sessionTtlSeconds: ttl } : {}),
  };
}
