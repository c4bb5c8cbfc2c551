import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingToolError } from './errors.ts';
import { findOnPath } from './find-executable.ts';
import { freePort } from './free-port.ts';

export interface RedisHandle {
  url: string;
  /** true when this handle started redis-server itself (and stop() ends it) */
  spawned: boolean;
  stop(): Promise<void>;
}

/**
 * A Redis for tests and the sandbox: REDIS_URL when set, else a private `redis-server` on a free
 * port with no persistence. Never assumes the machine's own Redis on 6379.
 */
export async function getRedis(env: NodeJS.ProcessEnv = process.env): Promise<RedisHandle> {
  const fromEnv = env.REDIS_URL;
  if (fromEnv) return { url: fromEnv, spawned: false, stop: async () => {} };
  return startRedisServer(env);
}

export async function startRedisServer(env: NodeJS.ProcessEnv = process.env): Promise<RedisHandle> {
  const binary = env.REDIS_SERVER ?? findOnPath('redis-server', env.PATH);
  if (binary === undefined) {
    throw new MissingToolError(
      'redis-server',
      'no Redis: REDIS_URL is not set and redis-server is not on PATH',
      'apt-get install -y redis-server, or set REDIS_URL=redis://host:port',
    );
  }
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'trellis-redis-'));
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Never leave an orphan redis-server behind if this process exits without calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(port, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, spawned: true, stop };
}

async function waitForPing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server exited with code ${child.exitCode}: ${output()}`);
    }
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer PING on port ${port}: ${output()}`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
