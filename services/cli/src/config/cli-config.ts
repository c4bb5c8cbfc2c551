// Where the CLI keeps the server and token (`trellis login`), and how the environment overrides
// them. The file holds a credential: it is written 0600 in a 0700 directory.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { UsageError } from '../cli-errors.ts';
import type { Connection } from '../api/api-client.ts';

export interface CliConfig {
  server?: string;
  token?: string;
}

export function configPath(env: Record<string, string | undefined>): string {
  if (env.TRELLIS_CONFIG !== undefined && env.TRELLIS_CONFIG !== '') return env.TRELLIS_CONFIG;
  const base =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : join(env.HOME ?? homedir(), '.config');
  return join(base, 'trellis', 'config.yaml');
}

export async function loadConfig(path: string): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = parse(text) as unknown;
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(
      `${path} is not a trellis config (expected a mapping with server and token)`,
    );
  }
  const { server, token } = parsed as Record<string, unknown>;
  return {
    ...(typeof server === 'string' ? { server } : {}),
    ...(typeof token === 'string' ? { token } : {}),
  };
}

export async function saveConfig(path: string, config: CliConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, stringify(config), { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(path, 0o600);
}

/** TRELLIS_SERVER / TRELLIS_TOKEN win over the file; both must be known somehow. */
export async function resolveConnection(
  env: Record<string, string | undefined>,
): Promise<Connection> {
  const file = await loadConfig(configPath(env));
  const server = nonEmpty(env.TRELLIS_SERVER) ?? file.server;
  const token = nonEmpty(env.TRELLIS_TOKEN) ?? file.token;
  if (server === undefined || token === undefined) {
    throw new UsageError(
      'not logged in: run `trellis login --server URL --token TOKEN`, or set TRELLIS_SERVER and TRELLIS_TOKEN',
    );
  }
  return { server, token };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The tenant a tenant token belongs to (`trls_<tenant>_<id><secret>`), for a default --tenant. */
export function tenantOfToken(token: string): string | undefined {
  return /^trls_([a-z0-9-]{1,63})_[0-9a-f]{52}$/.exec(token)?.[1];
}
