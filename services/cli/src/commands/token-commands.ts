// `trellis token create|list|revoke`: /v1/tenants/{tenant}/tokens. The minted token is printed
// once, by create; nothing else ever shows a token.
import type { Command } from 'commander';
import { apiPath } from '../api/api-client.ts';
import { writeLine } from '../cli-io.ts';
import { humanAge } from '../output/age.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import { addOutputOption, outputOf, type CommandContext } from './command-context.ts';

interface TokenView {
  id: string;
  name: string;
  tenant: string;
  createdAt?: string;
}

interface MintedToken extends TokenView {
  token: string;
}

type TenantOption = { tenant?: string };
type OutputOptions = { output?: string };

const TENANT_HELP = 'the tenant (default: the tenant of a tenant token)';

export function registerTokenCommands(program: Command, ctx: CommandContext): void {
  const token = program
    .command('token')
    .alias('tokens')
    .description('mint, list and revoke tenant-scoped API tokens');

  addOutputOption(
    token
      .command('create <name>')
      .description('mint a token for a tenant; it is shown only in this output')
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (name: string, options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const { body } = await (
      await ctx.client()
    ).post<MintedToken>(apiPath`/v1/tenants/${tenant}/tokens`, { name });
    printValue(ctx.io.stdout, format, body, () => body.token);
    if (format === 'table') {
      writeLine(
        ctx.io.stderr,
        `token ${body.id} ("${body.name}") of tenant ${body.tenant}: store it now, it is never shown again`,
      );
    }
  });

  addOutputOption(
    token
      .command('list')
      .alias('ls')
      .description("list a tenant's tokens (ids and names, never the tokens)")
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const items = await (
      await ctx.client()
    ).listAll<TokenView>(apiPath`/v1/tenants/${tenant}/tokens`);
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0
        ? `No tokens in tenant ${tenant}.`
        : renderTable(
            ['ID', 'NAME', 'AGE'],
            items.map((t) => [t.id, t.name, humanAge(t.createdAt, ctx.now)]),
          ),
    );
  });

  token
    .command('revoke <id>')
    .description('revoke a token by its id (see `trellis token list`)')
    .option('--tenant <tenant>', TENANT_HELP)
    .action(async (id: string, options: TenantOption) => {
      const tenant = await ctx.tenant(options.tenant);
      await (await ctx.client()).delete(apiPath`/v1/tenants/${tenant}/tokens/${id}`);
      writeLine(ctx.io.stdout, `token ${id} of tenant ${tenant} revoked`);
    });
}
