// docs/aws-emulator.md's conformance table lists exactly the operations the modules answer.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LATTICE_OPERATIONS } from '../src/lattice/lattice-service.ts';
import { RAM_OPERATIONS } from '../src/ram/ram-service.ts';

const DOC = fileURLToPath(new URL('../../../docs/aws-emulator.md', import.meta.url));

/** Operation names in the table rows whose service cell starts with `prefix`. */
async function documented(prefix: string): Promise<string[]> {
  const text = await readFile(DOC, 'utf8');
  const table = text.slice(text.indexOf('## Conformance'), text.indexOf('### Known differences from AWS'));
  return table
    .split('\n')
    .filter((line) => line.startsWith(`| ${prefix}`))
    .flatMap((line) => (line.split('|')[2] ?? '').replace(/\([^)]*\)/g, '').split(/[,;]/))
    .map((name) => name.trim())
    .filter((name) => /^[A-Z][A-Za-z]+$/.test(name))
    .sort();
}

describe('docs/aws-emulator.md conformance table', () => {
  it('lists every VPC Lattice operation, and only those', async () => {
    expect(await documented('VPC Lattice')).toEqual([...LATTICE_OPERATIONS].sort());
  });

  it('lists every RAM operation, and only those', async () => {
    expect(await documented('RAM')).toEqual([...RAM_OPERATIONS].sort());
  });
});
