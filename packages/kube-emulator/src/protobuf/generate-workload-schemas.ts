// Generates workload-schemas.json (field numbers of Pod, Deployment and everything they nest)
// from k8s.io/api's generated.proto files, so kubectl's protobuf bodies for `kubectl run` and
// `kubectl create deployment` decode. Usage, with a checkout of github.com/kubernetes/api:
//   npx node packages/kube-emulator/src/protobuf/generate-workload-schemas.ts <k8s-api-dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Field {
  name: string;
  type: string | { message: string };
  repeated?: boolean;
  map?: boolean;
}

const SCALARS: Record<string, string> = {
  string: 'string',
  bool: 'bool',
  int32: 'int32',
  int64: 'int64',
  bytes: 'bytes',
  double: 'double',
};
// types from apimachinery, mapped onto what decode.ts knows
const EXTERNAL: Record<string, string | { message: string } | null> = {
  '.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta': { message: 'ObjectMeta' },
  '.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector': { message: 'LabelSelector' },
  '.k8s.io.apimachinery.pkg.apis.meta.v1.Time': 'time',
  '.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': 'time',
  '.k8s.io.apimachinery.pkg.util.intstr.IntOrString': 'intOrString',
  '.k8s.io.apimachinery.pkg.api.resource.Quantity': 'quantity',
};

function parseMessages(text: string): Map<string, string[]> {
  const messages = new Map<string, string[]>();
  const re = /^message (\w+) \{\n([\s\S]*?)^\}/gm;
  for (const m of text.matchAll(re)) messages.set(m[1], (m[2]).split('\n'));
  return messages;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: generate-workload-schemas.ts <k8s-api-dir>');
const all = new Map<string, string[]>();
for (const file of ['core/v1/generated.proto', 'apps/v1/generated.proto']) {
  for (const [k, v] of parseMessages(readFileSync(join(dir, file), 'utf8'))) all.set(k, v);
}

const out: Record<string, Record<string, Field>> = {};
const queue = ['Pod', 'Deployment'];
while (queue.length) {
  const name = queue.shift() as string;
  if (out[name]) continue;
  const lines = all.get(name);
  if (!lines) throw new Error(`no message ${name}`);
  const fields: Record<string, Field> = {};
  for (const line of lines) {
    const map = /^\s+map<string, ([\w.]+)> (\w+) = (\d+);/.exec(line);
    const plain = /^\s+(optional|repeated) ([\w.]+) (\w+) = (\d+);/.exec(line);
    let typeName: string;
    let fieldName: string;
    let num: string;
    let repeated = false;
    let isMap = false;
    if (map) {
      [, typeName, fieldName, num] = map as unknown as [string, string, string, string];
      isMap = true;
    } else if (plain) {
      repeated = plain[1] === 'repeated';
      [, , typeName, fieldName, num] = plain as unknown as [string, string, string, string, string];
    } else continue;
    let type: Field['type'] | null;
    if (typeName.startsWith('.k8s.io.api.core.v1.') || typeName.startsWith('.k8s.io.api.apps.v1.')) {
      typeName = typeName.split('.').pop() as string;
    }
    if (SCALARS[typeName]) type = SCALARS[typeName];
    else if (typeName.startsWith('.')) type = EXTERNAL[typeName] ?? null;
    else {
      type = { message: typeName };
      queue.push(typeName);
    }
    if (type === null) continue;
    fields[num] = { name: fieldName, type, ...(repeated ? { repeated } : {}), ...(isMap ? { map: true } : {}) };
  }
  out[name] = fields;
}
out.LabelSelector = {
  '1': { name: 'matchLabels', type: 'string', map: true },
  '2': { name: 'matchExpressions', type: { message: 'LabelSelectorRequirement' }, repeated: true },
};
out.LabelSelectorRequirement = {
  '1': { name: 'key', type: 'string' },
  '2': { name: 'operator', type: 'string' },
  '3': { name: 'values', type: 'string', repeated: true },
};
writeFileSync(join(import.meta.dirname, 'workload-schemas.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${Object.keys(out).length} messages`);
