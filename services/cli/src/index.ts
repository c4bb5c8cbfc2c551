export { runCli } from './run-cli.ts';
export { buildProgram, CLI_VERSION } from './program.ts';
export { EXIT_CODES, type ExitCode } from './cli-errors.ts';
export type { CliIo, OutputStream } from './cli-io.ts';
