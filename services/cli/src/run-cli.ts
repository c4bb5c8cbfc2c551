// Run one command line and return its exit code: errors are printed here, once, on stderr.
import { CommanderError } from 'commander';
import { CliError, EXIT_CODES, type ExitCode } from './cli-errors.ts';
import { writeLine, type CliIo } from './cli-io.ts';
import { buildProgram } from './program.ts';

/** Commander's own "exits" that are not errors. */
const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

export async function runCli(args: string[], io: CliIo): Promise<ExitCode> {
  const program = buildProgram(io);
  if (args.length === 0) {
    program.outputHelp({ error: true });
    return EXIT_CODES.usage;
  }
  try {
    await program.parseAsync(args, { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (unknown command, missing argument…) already.
      return COMMANDER_SUCCESS.has(error.code) ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (error instanceof CliError) {
      for (const line of error.lines()) writeLine(io.stderr, line);
      return error.exitCode;
    }
    writeLine(io.stderr, `error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_CODES.rejected;
  }
}
