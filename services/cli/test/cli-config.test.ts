import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configPath,
  resolveConnection,
  saveConfig,
  tenantOfToken,
} from '../src/config/cli-config.ts';

describe('cli config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trellis-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lives in TRELLIS_CONFIG, else XDG_CONFIG_HOME, else ~/.config/trellis/config.yaml', () => {
    expect(configPath({ TRELLIS_CONFIG: '/x/c.yaml', HOME: '/h' })).toBe('/x/c.yaml');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg', HOME: '/h' })).toBe('/xdg/trellis/config.yaml');
    expect(configPath({ HOME: '/h' })).toBe('/h/.config/trellis/config.yaml');
  });

  it('is written 0600 even over a world-readable file', async () => {
    const path = join(dir, 'nested', 'config.yaml');
    await saveConfig(path, { server: 'http://a', token: 'secret-1' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, 'server: x\n', { mode: 0o644 });
    await saveConfig(path, { server: 'http://b', token: 'secret-2' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('server: http://b\ntoken: secret-2\n');
  });

  it('TRELLIS_SERVER and TRELLIS_TOKEN override the file; nothing at all is a usage error', async () => {
    const path = join(dir, 'config.yaml');
    await saveConfig(path, { server: 'http://file', token: 'file-token' });
    expect(await resolveConnection({ TRELLIS_CONFIG: path })).toEqual({
      server: 'http://file',
      token: 'file-token',
    });
    expect(await resolveConnection({ TRELLIS_CONFIG: path, TRELLIS_TOKEN: 'env-token' })).toEqual({
      server: 'http://file',
      token: 'env-token',
    });
    expect(await resolveConnection({ TRELLIS_CONFIG: path, TRELLIS_SERVER: 'http://env' })).toEqual(
      { server: 'http://env', token: 'file-token' },
    );
    await expect(
      resolveConnection({ TRELLIS_CONFIG: join(dir, 'absent.yaml') }),
    ).rejects.toMatchObject({ exitCode: 2 });
  });

  it('knows the tenant of a tenant token, not of the admin token', () => {
    expect(tenantOfToken(`trls_acme_${'a'.repeat(12)}${'b'.repeat(40)}`)).toBe('acme');
    expect(tenantOfToken('trellis-admin-0123456789abcdef')).toBeUndefined();
  });
});
