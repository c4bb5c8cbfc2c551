// The command tree. Commander parses; each command group lives in its own file.
import { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { registerClusterCommands } from './commands/cluster-commands.ts';
import { CommandContext } from './commands/command-context.ts';
import { registerLoginCommand } from './commands/login-command.ts';
import { registerMigrationCommands } from './commands/migration-commands.ts';
import { registerScheduleCommands } from './commands/schedule-commands.ts';
import { registerServiceCommands } from './commands/service-commands.ts';
import { registerTenantCommands } from './commands/tenant-commands.ts';
import { registerTokenCommands } from './commands/token-commands.ts';

export const CLI_VERSION = '0.1.0';

export function buildProgram(io: CliIo): Command {
  const ctx = new CommandContext(io);
  const program = new Command('trellis')
    .description(
      'Trellis: tenants, EKS clusters, multi-cluster services and blue/green migrations, over the hub REST API',
    )
    .version(CLI_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      [
        '',
        'Credentials: `trellis login`, or TRELLIS_SERVER and TRELLIS_TOKEN.',
        'Exit codes: 0 ok, 1 the server said no, 2 usage error, 3 not found, 4 server unreachable or 5xx, 5 timed out waiting.',
      ].join('\n'),
    );
  registerLoginCommand(program, ctx);
  registerTenantCommands(program, ctx);
  registerClusterCommands(program, ctx);
  registerTokenCommands(program, ctx);
  registerServiceCommands(program, ctx);
  registerMigrationCommands(program, ctx);
  registerScheduleCommands(program, ctx);
  configureRecursively(program, io);
  return program;
}

/** Every (sub)command throws instead of exiting and writes through the injected streams. */
function configureRecursively(command: Command, io: CliIo): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  for (const sub of command.commands) configureRecursively(sub, io);
}
