import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findOnPath } from './find-executable.ts';
import { freePort } from './free-port.ts';

describe('freePort', () => {
  it('returns a port a server can bind', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(port).toBeGreaterThan(0);
  });
});

describe('findOnPath', () => {
  it('finds executables and ignores missing ones', () => {
    expect(findOnPath('sh', '/nonexistent:/bin:/usr/bin')).toMatch(/\/sh$/);
    expect(findOnPath('definitely-not-a-command', '/bin')).toBeUndefined();
  });
});
