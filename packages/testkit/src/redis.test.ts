import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MissingToolError } from './errors.ts';
import { getRedis, startRedisServer } from './redis.ts';

function roundTrip(url: string, command: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => socket.write(command));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

describe('getRedis', () => {
  it('uses REDIS_URL as given and does not start a server', async () => {
    const redis = await getRedis({ REDIS_URL: 'redis://example.invalid:6390' });
    expect(redis).toMatchObject({ url: 'redis://example.invalid:6390', spawned: false });
    await redis.stop();
  });

  it('starts a private redis-server on a free port when REDIS_URL is unset', async () => {
    const redis = await getRedis({ PATH: process.env.PATH });
    try {
      expect(redis.spawned).toBe(true);
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(redis.url).not.toBe('redis://127.0.0.1:6379');
      expect(await roundTrip(redis.url, 'PING\r\n')).toBe('+PONG\r\n');
    } finally {
      await redis.stop();
    }
    await expect(roundTrip(redis.url, 'PING\r\n')).rejects.toThrow();
  });

  it('explains how to install Redis when redis-server is missing', async () => {
    const failure = startRedisServer({ PATH: '/nonexistent' });
    await expect(failure).rejects.toBeInstanceOf(MissingToolError);
    await expect(failure).rejects.toThrow(/apt-get install -y redis-server/);
  });
});
