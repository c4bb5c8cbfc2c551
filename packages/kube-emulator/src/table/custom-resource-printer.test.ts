import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { SERVICE_EXPORT_V1ALPHA1, WIDGET_V1 } from '../discovery/test-resource-types.ts';
import { toTable } from './index.ts';
import { NOW, cells, meta } from './test-table-helpers.ts';

describe('toTable: custom resources', () => {
  it('prints Name and Age when the CRD has no printer columns', () => {
    const table = toTable(SERVICE_EXPORT_V1ALPHA1, [{ metadata: meta('web', 90_000) }], {
      now: NOW,
    });
    expect(
      (table.columnDefinitions as JsonObject[]).map((c) => [c.name, c.type, c.format]),
    ).toEqual([
      ['Name', 'string', 'name'],
      ['Age', 'date', ''],
    ]);
    expect(cells(table)).toEqual([['web', '90s']]);
  });

  it('evaluates additionalPrinterColumns with their types', () => {
    const table = toTable(
      WIDGET_V1,
      [
        {
          metadata: meta('w1', 3_600_000),
          spec: { replicas: 3, color: 'red' },
          status: { ready: true },
        },
        { metadata: meta('w2', 3_600_000), spec: { replicas: 'three', color: 7 } },
        { metadata: meta('w3', 3_600_000), spec: { color: { b: 1, a: [1, 'x'] } } },
      ],
      { now: NOW },
    );
    expect(table.columnDefinitions).toEqual([
      expect.objectContaining({ name: 'Name', format: 'name' }),
      { name: 'Replicas', type: 'integer', format: '', description: '', priority: 0 },
      { name: 'Color', type: 'string', format: '', description: 'the colour', priority: 0 },
      { name: 'Ready', type: 'boolean', format: '', description: '', priority: 1 },
      { name: 'Age', type: 'date', format: '', description: '', priority: 0 },
    ]);
    expect(cells(table)).toEqual([
      ['w1', 3, 'red', true, '60m'],
      ['w2', null, '7', null, '60m'],
      ['w3', null, '{"a":[1,"x"],"b":1}', null, '60m'],
    ]);
  });
});
