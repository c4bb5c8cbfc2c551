import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from './decode.ts';

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
function field(num: number, payload: number[]): number[] {
  return [...varint((num << 3) | 2), ...varint(payload.length), ...payload];
}
const text = (s: string): number[] => [...Buffer.from(s)];

describe('decodeKubernetesProtobuf', () => {
  it('decodes an enveloped ConfigMap as kubectl create configmap sends it', () => {
    const meta = [...field(1, text('foo')), ...field(2, []), ...field(3, text('default'))];
    const entry = [...field(1, text('a')), ...field(2, text('b'))];
    const raw = [...field(1, meta), ...field(2, entry)];
    const typeMeta = [...field(1, text('v1')), ...field(2, text('ConfigMap'))];
    const body = Buffer.from([0x6b, 0x38, 0x73, 0x00, ...field(1, typeMeta), ...field(2, raw)]);
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'foo', namespace: 'default' },
      data: { a: 'b' },
    });
  });

  it('refuses kinds it has no schema for', () => {
    const typeMeta = [...field(1, text('batch/v1')), ...field(2, text('Job'))];
    const body = Buffer.from([0x6b, 0x38, 0x73, 0x00, ...field(1, typeMeta), ...field(2, [])]);
    expect(() => decodeKubernetesProtobuf(body)).toThrow(/Job are not supported/);
  });
});
