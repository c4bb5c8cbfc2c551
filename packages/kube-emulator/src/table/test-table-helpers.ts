// Test-only helpers shared by the table tests.
import type { JsonObject } from '../json.ts';
import { TEST_TYPES } from '../discovery/test-resource-types.ts';
import type { ResourceType } from '../resources/types.ts';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const typeOf = (group: string, plural: string): ResourceType => {
  const t = TEST_TYPES.find((x) => x.group === group && x.plural === plural);
  if (!t) throw new Error(`no fixture ${group}/${plural}`);
  return t;
};
export const meta = (name: string, ageMs: number, extra: JsonObject = {}): JsonObject => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '42',
  creationTimestamp: new Date(NOW.getTime() - ageMs).toISOString().replace(/\.\d+Z$/, 'Z'),
  ...extra,
});
export const header = (t: JsonObject) =>
  (t.columnDefinitions as JsonObject[]).map(
    (c) => `${typeof c.name === 'string' ? c.name : ''}${c.priority ? '*' : ''}`,
  );
export const cells = (t: JsonObject) => (t.rows as JsonObject[]).map((r) => r.cells);
