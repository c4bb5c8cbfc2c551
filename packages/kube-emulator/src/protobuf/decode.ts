// Decodes the Kubernetes protobuf envelope (`k8s\0` + runtime.Unknown) into the JSON form of
// the object, for the request bodies kubectl sends as protobuf. The emulator answers in JSON.
import type { JsonObject, JsonValue } from '../json.ts';
import { MESSAGES } from './schemas.ts';
import type { FieldSpec } from './schemas.ts';
import { ProtobufFormatError, WIRE_LENGTH_DELIMITED, WireReader } from './wire-reader.ts';
import type { WireField } from './wire-reader.ts';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder();
const ZERO_TIME = '1970-01-01T00:00:00Z';
/**
 * gogo-protobuf writes every non-pointer field, so zero values arrive that JSON would omit.
 * They are dropped, except for these pointer fields, where 0/false is a real choice.
 */
const MEANINGFUL_ZERO = new Set([
  'replicas',
  'terminationGracePeriodSeconds',
  'automountServiceAccountToken',
  'enableServiceLinks',
  'expirationSeconds',
  'gracePeriodSeconds',
  'orphanDependents',
  'allowPrivilegeEscalation',
  'privileged',
  'readOnlyRootFilesystem',
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'allowed',
]);

function str(bytes: Uint8Array | undefined): string {
  return bytes ? utf8.decode(bytes) : '';
}

function signed64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function scalar(spec: FieldSpec, f: WireField): JsonValue {
  switch (spec.type) {
    case 'string':
      return str(f.bytes);
    case 'bytes':
      return Buffer.from(f.bytes ?? new Uint8Array()).toString('base64');
    case 'bool':
      return f.value !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, f.value));
    case 'int64':
      return signed64(f.value);
    case 'quantity': {
      const q = decodeMessageFields(f.bytes, { 1: { name: 'string', type: 'string' } });
      return typeof q.string === 'string' ? q.string : '0';
    }
    case 'time': {
      const t = decodeMessageFields(f.bytes, { 1: { name: 'seconds', type: 'int64' } });
      const seconds = typeof t.seconds === 'number' ? t.seconds : 0;
      return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'intOrString': {
      const v = decodeMessageFields(f.bytes, {
        1: { name: 'type', type: 'int64' },
        2: { name: 'intVal', type: 'int32' },
        3: { name: 'strVal', type: 'string' },
      });
      return v.type === 1 ? (typeof v.strVal === 'string' ? v.strVal : '') : typeof v.intVal === 'number' ? v.intVal : 0;
    }
    default: {
      const schema = MESSAGES[spec.type.message];
      if (!schema) throw new ProtobufFormatError(`no schema for ${spec.type.message}`);
      return decodeMessageFields(f.bytes, schema);
    }
  }
}

function decodeMessageFields(bytes: Uint8Array | undefined, schema: Record<number, FieldSpec>): JsonObject {
  const out: JsonObject = {};
  if (!bytes) return out;
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const f = reader.next();
    const spec = schema[f.number];
    if (!spec) continue;
    if (spec.map) {
      const entry = new WireReader(f.bytes ?? new Uint8Array());
      let key = '';
      let value: JsonValue = spec.type === 'string' ? '' : null;
      while (!entry.done) {
        const ef = entry.next();
        if (ef.number === 1) key = str(ef.bytes);
        else if (ef.number === 2) value = scalar(spec, ef);
      }
      const map = (out[spec.name] ??= {}) as JsonObject;
      map[key] = value;
    } else if (spec.repeated) {
      const list = (out[spec.name] ??= []) as JsonValue[];
      list.push(scalar(spec, f));
    } else {
      const value = scalar(spec, f);
      // gogo-protobuf writes empty strings and zero times that JSON would omit
      if (value === '' || value === ZERO_TIME) continue;
      if ((value === 0 || value === false) && !MEANINGFUL_ZERO.has(spec.name)) continue;
      out[spec.name] = value;
    }
  }
  return out;
}

export function isKubernetesProtobuf(body: Uint8Array): boolean {
  return MAGIC.every((byte, i) => body[i] === byte);
}

/** Decode an enveloped protobuf object; throws ProtobufFormatError for unknown kinds. */
export function decodeKubernetesProtobuf(body: Uint8Array): JsonObject {
  if (!isKubernetesProtobuf(body)) throw new ProtobufFormatError('missing k8s protobuf magic');
  const reader = new WireReader(body.subarray(4));
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array | undefined;
  while (!reader.done) {
    const f = reader.next();
    if (f.number === 1 && f.wireType === WIRE_LENGTH_DELIMITED) {
      const tm = decodeMessageFields(f.bytes, { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } });
      apiVersion = typeof tm.apiVersion === 'string' ? tm.apiVersion : '';
      kind = typeof tm.kind === 'string' ? tm.kind : '';
    } else if (f.number === 2) {
      raw = f.bytes;
    }
  }
  const schema = MESSAGES[kind];
  if (!schema) throw new ProtobufFormatError(`protobuf bodies of kind ${kind || '(none)'} are not supported; send JSON`);
  return { apiVersion, kind, ...decodeMessageFields(raw, schema) };
}
