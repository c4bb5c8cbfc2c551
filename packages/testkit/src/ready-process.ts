import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ReadyProcess {
  /** what followed `ready ` on the process's first ready line */
  url: string;
  child: ChildProcess;
  /** everything the process wrote to stderr so far (for failure messages) */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal */
  stop(graceMs?: number): Promise<number | NodeJS.Signals | null>;
}

/**
 * Start a Trellis process that announces itself with one `ready <url>` line on stdout (the
 * emulators, the hub, the sandbox) and wait for that line.
 */
export async function startReadyProcess(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<ReadyProcess> {
  const { timeoutMs = 60_000, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const stop = (graceMs = 5000): Promise<number | NodeJS.Signals | null> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve(child.exitCode ?? child.signalCode);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? signal);
      });
      child.kill('SIGTERM');
    });
  };

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      reject(
        new Error(`${command} ${args.join(' ')}: no ready line within ${timeoutMs} ms\n${stderr}`),
      );
    }, timeoutMs);
    lines.on('line', (line) => {
      const match = /^ready (\S+)/.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code ?? signal}) before it was ready\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await stop(1000);
    throw error;
  });
  return { url, child, stderr: () => stderr, stop };
}
