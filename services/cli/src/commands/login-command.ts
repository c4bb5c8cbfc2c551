// `trellis login`: check the server and token, then store them (0600). The token is never printed.
import type { Command } from 'commander';
import { ApiClient, type ListPage } from '../api/api-client.ts';
import { UsageError } from '../cli-errors.ts';
import { writeLine } from '../cli-io.ts';
import { configPath, saveConfig, tenantOfToken } from '../config/cli-config.ts';
import type { CommandContext } from './command-context.ts';

interface LoginOptions {
  server: string;
  token?: string;
  tokenStdin?: boolean;
}

export function registerLoginCommand(program: Command, ctx: CommandContext): void {
  program
    .command('login')
    .description('check a server and token, and store them in the config file')
    .requiredOption('--server <url>', 'hub-api base URL, e.g. http://127.0.0.1:8080')
    .option('--token <token>', 'the admin token or a tenant token')
    .option('--token-stdin', 'read the token from standard input (keeps it out of shell history)')
    .addHelpText('after', '\nThe config file is ~/.config/trellis/config.yaml, or $TRELLIS_CONFIG.')
    .action(async (options: LoginOptions) => {
      const server = normalizeServer(options.server);
      const token = await tokenOf(ctx, options);
      // Any principal may list tenants: a cheap call that proves the URL and the token.
      const client = new ApiClient({ server, token });
      await client.get<ListPage<{ name: string }>>('/v1/tenants?limit=1');
      const path = configPath(ctx.io.env);
      await saveConfig(path, { server, token });
      const tenant = tenantOfToken(token);
      // hub-api accepts only its admin token and trls_<tenant>_… tokens.
      const who = tenant !== undefined ? `as tenant ${tenant}` : 'as admin';
      writeLine(ctx.io.stdout, `Logged in to ${server} ${who}; saved to ${path}`);
    });

  program
    .command('logout')
    .description('forget the stored server and token')
    .action(async () => {
      const path = configPath(ctx.io.env);
      await saveConfig(path, {});
      writeLine(ctx.io.stdout, `Removed the credentials from ${path}`);
    });
}

function normalizeServer(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server: "${text}" is not a URL (e.g. http://127.0.0.1:8080)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server: use an http:// or https:// URL, not ${url.protocol}`);
  }
  return url.toString().replace(/\/+$/, '');
}

async function tokenOf(ctx: CommandContext, options: LoginOptions): Promise<string> {
  if (options.token !== undefined && options.tokenStdin === true) {
    throw new UsageError('use either --token or --token-stdin, not both');
  }
  const token = options.tokenStdin === true ? (await ctx.io.readStdin()).trim() : options.token;
  if (token === undefined || token === '')
    throw new UsageError('a token is required: --token TOKEN or --token-stdin');
  return token;
}
