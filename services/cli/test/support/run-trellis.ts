// Run the real `trellis` as a child process (Node 24 running src/main.ts), with its own HOME and
// config file so tests never touch the developer's ~/.config/trellis.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'main.ts');

export interface TrellisResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTrellis(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<TrellisResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [MAIN, ...args],
      {
        env: { PATH: process.env.PATH ?? '', TRELLIS_POLL_INTERVAL_MS: '250', ...env },
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) {
          reject(
            new Error(
              `trellis ${args.join(' ')} did not exit normally: ${error?.message ?? ''}\n${stderr}`,
            ),
          );
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}
