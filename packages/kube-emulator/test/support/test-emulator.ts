// Starts an in-process emulator with a kubeconfig in a temp dir, and runs the real kubectl
// against it (asynchronously: the server lives in this process).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeEmulator } from '../../src/index.ts';
import type { KubeEmulator, KubeEmulatorOptions } from '../../src/index.ts';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TestEmulator {
  emulator: KubeEmulator;
  dir: string;
  kubeconfigPath: string;
  kubectl(args: string[], opts?: { input?: string; context?: string }): Promise<CommandResult>;
  /** kubectl that must succeed; returns stdout */
  k(args: string[], opts?: { input?: string; context?: string }): Promise<string>;
  /** a long-running kubectl (e.g. `get -w`); collect output, kill when done */
  spawnKubectl(args: string[], opts?: { context?: string }): RunningCommand;
  stop(): Promise<void>;
}

export interface RunningCommand {
  output(): string;
  /** resolves once stdout contains `text` */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<CommandResult>;
  kill(): void;
}

export async function startTestEmulator(
  clusters: string[] = ['alpha', 'beta'],
  options: Partial<KubeEmulatorOptions> = {},
): Promise<TestEmulator> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-emulator-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  const emulator = await startKubeEmulator({ clusters, kubeconfigPath, logLevel: 'error', ...options });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir, KUBECACHEDIR: join(dir, 'cache') };

  const argsFor = (args: string[], context?: string): string[] => (context ? ['--context', context, ...args] : args);

  const kubectl = (args: string[], opts: { input?: string; context?: string } = {}): Promise<CommandResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, argsFor(args, opts.context), { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(opts.input ?? '');
    });

  const k = async (args: string[], opts: { input?: string; context?: string } = {}): Promise<string> => {
    const r = await kubectl(args, opts);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };

  const spawnKubectl = (args: string[], opts: { context?: string } = {}): RunningCommand => {
    const child = spawn(KUBECTL, argsFor(args, opts.context), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      for (const w of [...waiters]) w();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<CommandResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    return {
      output: () => stdout,
      exited,
      kill: () => child.kill('SIGTERM'),
      waitFor: (text, timeoutMs = 15_000) =>
        new Promise<void>((resolve, reject) => {
          const matches = (): boolean => (typeof text === 'string' ? stdout.includes(text) : text.test(stdout));
          if (matches()) return resolve();
          const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}; got: ${stdout} ${stderr}`)), timeoutMs);
          const check = (): void => {
            if (matches()) {
              clearTimeout(timer);
              waiters.splice(waiters.indexOf(check), 1);
              resolve();
            }
          };
          waiters.push(check);
        }),
    };
  };

  return {
    emulator,
    dir,
    kubeconfigPath,
    kubectl,
    k,
    spawnKubectl,
    stop: async () => {
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
