// The chart CRDs are what scripts/generate-crds.ts would write today (CI also runs
// `npm run crds:check`), and they are the objects the code defines.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TRELLIS_CRDS } from '@trellis/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkCrdFiles,
  GENERATED_HEADER,
  renderCrdFiles,
  TRELLIS_CRD_DIR,
  WORKLOAD_CRD_DIR,
} from '../../scripts/generate-crds.ts';
import { CHARTS_DIR } from './support/helm.ts';

const run = promisify(execFile);
const ROOT = join(CHARTS_DIR, '..');

describe('generated CRDs', () => {
  it('are up to date with the schemas (run `npm run crds` if not)', () => {
    expect(checkCrdFiles()).toEqual({ changed: [], stale: [] });
  });

  it('are TRELLIS_CRDS, and the upstream MCS files byte for byte, under the generated header', () => {
    const files = renderCrdFiles();
    for (const crd of TRELLIS_CRDS) {
      const { group, names } = crd.spec as { group: string; names: { plural: string } };
      const text = readFileSync(join(TRELLIS_CRD_DIR, `${group}_${names.plural}.yaml`), 'utf8');
      expect(text.startsWith(GENERATED_HEADER)).toBe(true);
      expect(parse(text)).toEqual(crd);
    }
    for (const name of [
      'multicluster.x-k8s.io_serviceexports.yaml',
      'multicluster.x-k8s.io_serviceimports.yaml',
    ]) {
      const upstream = readFileSync(
        join(ROOT, 'packages', 'kube', 'src', 'mcs', 'crds', name),
        'utf8',
      );
      expect(files.get(join(WORKLOAD_CRD_DIR, name))).toBe(GENERATED_HEADER + upstream);
      expect(upstream).toContain('Licensed under the Apache License, Version 2.0');
    }
  });

  it('reports drift: a changed file and a file the generator no longer writes', () => {
    const files = renderCrdFiles();
    const [first, second] = [...files.keys()];
    files.set(first, `${files.get(first)}# hand edit\n`);
    files.delete(second);
    expect(checkCrdFiles(files)).toEqual({ changed: [first], stale: [second] });
  });

  it('`generate-crds.ts --check` exits 0 now', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'scripts', 'generate-crds.ts'), '--check'],
      { cwd: ROOT },
    );
    expect(stdout).toContain('CRDs are up to date');
  });
});
