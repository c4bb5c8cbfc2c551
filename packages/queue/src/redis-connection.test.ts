import { describe, expect, it } from 'vitest';
import { redactRedisUrl, redisConnectionOptions } from './redis-connection.ts';

describe('redisConnectionOptions', () => {
  it('parses host, port, credentials, db and TLS', () => {
    expect(redisConnectionOptions('redis://127.0.0.1:6390')).toEqual({
      host: '127.0.0.1',
      port: 6390,
      maxRetriesPerRequest: null,
    });
    expect(redisConnectionOptions('rediss://user:p%40ss@cache.example:6380/2')).toEqual({
      host: 'cache.example',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
    });
  });

  it('rejects other schemes with a clear message', () => {
    expect(() => redisConnectionOptions('http://x')).toThrow(/redis:\/\/ or rediss:\/\//);
  });

  it('redacts passwords for logs', () => {
    expect(redactRedisUrl('redis://user:secret@h:1')).toBe('redis://user:***@h:1');
    expect(redactRedisUrl('redis://h:1')).not.toContain('***');
  });
});
