// An in-process CliIo: captured stdout/stderr (stdout may pretend to be a terminal), an
// environment of our choosing, and real but short sleeps.
import type { CliIo, OutputStream } from '../../src/cli-io.ts';

export class CapturedStream implements OutputStream {
  readonly isTTY: boolean;
  readonly columns = 120;
  private readonly chunks: string[] = [];

  constructor(isTTY: boolean) {
    this.isTTY = isTTY;
  }

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** The text with ANSI cursor movements and line clears removed. */
  get plain(): string {
    // eslint-disable-next-line no-control-regex -- stripping terminal escape sequences is the point
    return this.text.replace(/\x1b(\[[0-9;?]*[A-Za-z]|[78])/g, '');
  }
}

export function fakeIo(
  env: Record<string, string>,
  options: { tty?: boolean; stdin?: string } = {},
): CliIo & { stdout: CapturedStream; stderr: CapturedStream } {
  return {
    stdout: new CapturedStream(options.tty === true),
    stderr: new CapturedStream(false),
    env,
    readStdin: async () => options.stdin ?? '',
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
