// Regenerates definitions.json: the OpenAPI (Swagger 2.0 style) definitions of the built-in kinds
// the emulator serves, with their whole field closure, read from @kubernetes/client-node's
// generated models (which are generated from the real Kubernetes OpenAPI spec). Run by hand after
// upgrading client-node:
//   cd packages/kube-emulator && npx node src/openapi/builtin/generate-definitions.ts
// The models carry field names, types, formats and required-ness; descriptions come from the
// `kubernetes-types` declarations (also generated from the spec, and keeping the descriptions of
// fields whose type is another definition, which the models drop), falling back to the models'.
// Both lose the Kubernetes extensions (patch strategies, list types): patch-strategies.ts adds them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Served kinds: [definition package, client-node class]. Order matters: core first claims shared types. */
const ROOTS: [string, string][] = [
  [CORE, 'V1Pod'],
  [CORE, 'V1Service'],
  [CORE, 'V1Secret'],
  [CORE, 'V1ConfigMap'],
  [CORE, 'V1Namespace'],
  [CORE, 'V1ServiceAccount'],
  [CORE, 'V1Endpoints'],
  [CORE, 'CoreV1Event'],
  [CORE, 'V1Node'],
  [CORE, 'V1PodTemplateSpec'],
  ['io.k8s.api.events.v1', 'EventsV1Event'],
  ['io.k8s.api.discovery.v1', 'V1EndpointSlice'],
  ['io.k8s.api.coordination.v1', 'V1Lease'],
  ['io.k8s.api.rbac.v1', 'V1Role'],
  ['io.k8s.api.rbac.v1', 'V1ClusterRole'],
  ['io.k8s.api.rbac.v1', 'V1RoleBinding'],
  ['io.k8s.api.rbac.v1', 'V1ClusterRoleBinding'],
  ['io.k8s.api.apps.v1', 'V1Deployment'],
  ['io.k8s.api.policy.v1', 'V1PodDisruptionBudget'],
  ['io.k8s.api.networking.v1', 'V1Ingress'],
  ['io.k8s.api.networking.v1', 'V1IngressClass'],
  ['io.k8s.api.networking.v1', 'V1NetworkPolicy'],
  ['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1', 'V1CustomResourceDefinition'],
  ['io.k8s.api.autoscaling.v1', 'V1Scale'],
  ['io.k8s.api.authorization.v1', 'V1SelfSubjectAccessReview'],
  ['io.k8s.api.authorization.v1', 'V1SubjectAccessReview'],
  ['io.k8s.api.authorization.v1', 'V1SelfSubjectRulesReview'],
  ['io.k8s.api.authentication.v1', 'V1TokenReview'],
  ['io.k8s.api.authentication.v1', 'V1SelfSubjectReview'],
  [META, 'V1Status'],
  [META, 'V1DeleteOptions'],
];

/** Types that live in core/v1 whoever reaches them first (networking's IngressBackend does). */
const CORE_CLASSES = new Set(['V1TypedLocalObjectReference']);

/** Types that live in meta/v1 whoever references them. */
const META_CLASSES = new Set([
  'V1ObjectMeta',
  'V1ListMeta',
  'V1LabelSelector',
  'V1LabelSelectorRequirement',
  'V1OwnerReference',
  'V1ManagedFieldsEntry',
  'V1Condition',
  'V1Status',
  'V1StatusDetails',
  'V1StatusCause',
  'V1DeleteOptions',
  'V1Preconditions',
]);

const modelsDir = join(
  dirname(fileURLToPath(import.meta.resolve('@kubernetes/client-node'))),
  'gen',
  'models',
);

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

function readModel(cls: string): {
  description: string;
  props: Map<string, { description: string; required: boolean }>;
  attrs: Attribute[];
} {
  const dts = readFileSync(join(modelsDir, `${cls}.d.ts`), 'utf8');
  const js = readFileSync(join(modelsDir, `${cls}.js`), 'utf8');
  const classDoc = /\/\*\*\n\* ([^\n]*)\n\*\/\nexport declare class/.exec(dts);
  const props = new Map<string, { description: string; required: boolean }>();
  for (const m of dts.matchAll(/(?:\/\*\*\n\s*\* ([^\n]*)\n\s*\*\/\n)?\s*'([^']+)'(\?)?:/g)) {
    props.set(m[2] ?? '', { description: (m[1] ?? '').trim(), required: m[3] === undefined });
  }
  const mapText = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(js)?.[1];
  const attrs = mapText ? (JSON.parse(mapText) as Attribute[]) : [];
  return { description: (classDoc?.[1] ?? '').trim(), props, attrs };
}

function shortName(cls: string): string {
  return cls.replace(/^([A-Z][a-z]+)?V\d+((alpha|beta)\d+)?/, '');
}

const typesDir = dirname(fileURLToPath(import.meta.resolve('kubernetes-types/package.json')));

/** The .d.ts of kubernetes-types holding a definition package, e.g. `apps/v1.d.ts`. */
function typesFileOf(pkg: string): string | undefined {
  if (pkg === META) return 'meta/v1.d.ts';
  const ext = /^io\.k8s\.apiextensions-apiserver\.pkg\.apis\.apiextensions\.(v\w+)$/.exec(pkg);
  if (ext) return `apiextensions/${ext[1]}.d.ts`;
  const api = /^io\.k8s\.api\.(\w+)\.(v\w+)$/.exec(pkg);
  return api ? `${api[1]}/${api[2]}.d.ts` : undefined;
}

interface TypeDocs {
  description: string;
  props: Map<string, string>;
}

const typeDocsCache = new Map<string, Map<string, TypeDocs>>();

/** Interface and field JSDoc from a kubernetes-types declaration file, newlines kept. */
function typeDocsOf(file: string): Map<string, TypeDocs> {
  const cached = typeDocsCache.get(file);
  if (cached) return cached;
  const out = new Map<string, TypeDocs>();
  const path = join(typesDir, file);
  // a group kubernetes-types lacks keeps the models' descriptions
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  let current: TypeDocs | undefined;
  let pending: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const single = /^\s*\/\*\*\s?(.*?)\s*\*\/\s*$/.exec(line);
    if (single) {
      pending = single[1] ?? '';
      continue;
    }
    if (/^\s*\/\*\*\s*$/.test(line)) {
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*\*\/\s*$/.test(lines[i] ?? ''); i++) {
        body.push((lines[i] ?? '').replace(/^\s*\* ?/, ''));
      }
      pending = body.join('\n').trim();
      continue;
    }
    const iface = /^export interface (\w+)/.exec(line);
    if (iface) {
      current = { description: pending ?? '', props: new Map() };
      out.set(iface[1] ?? '', current);
    } else {
      const prop = /^\s+(?:readonly )?(?:"([^"]+)"|([\w$-]+))\??:/.exec(line);
      if (prop && current && pending !== undefined)
        current.props.set(prop[1] ?? prop[2] ?? '', pending);
    }
    pending = undefined;
  }
  typeDocsCache.set(file, out);
  return out;
}

function typeDocs(definition: string): TypeDocs | undefined {
  const dot = definition.lastIndexOf('.');
  const file = typesFileOf(definition.slice(0, dot));
  return file ? typeDocsOf(file).get(definition.slice(dot + 1)) : undefined;
}

const assigned = new Map<string, string>(); // class → definition name
const queue: [string, string][] = [];
const definitions: Record<string, Schema> = {};

function definitionOf(cls: string, pkg: string): string {
  const known = assigned.get(cls);
  if (known) return known;
  const name = `${META_CLASSES.has(cls) ? META : CORE_CLASSES.has(cls) ? CORE : pkg}.${shortName(cls)}`;
  assigned.set(cls, name);
  queue.push([cls, name]);
  return name;
}

function unescapeDoc(s: string): string {
  // the model generator escaped quotes and turned the spec's paragraph breaks into two spaces
  return s.replace(/\\(.)/g, '$1').replace(/ {2}(?=\S)/g, '\n\n');
}

function schemaOfType(type: string, format: string, pkg: string): Schema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: 'array', items: schemaOfType(array[1] ?? '', format, pkg) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: schemaOfType(map[1] ?? '', format, pkg) };
  switch (type) {
    case 'string':
      return format === '' ? { type: 'string' } : { type: 'string', format };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      if (format === 'int32' || format === 'int64') return { type: 'integer', format };
      return format === '' ? { type: 'number' } : { type: 'number', format };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'IntOrString':
      return { $ref: INT_OR_STRING };
    case 'any':
      // free-form JSON (RawExtension, JSONSchemaProps.default): no type
      return {};
  }
  if (format === 'date-time-micro') return { type: 'string', format: 'date-time' };
  return { $ref: definitionOf(type, pkg) };
}

for (const [pkg, cls] of ROOTS) definitionOf(cls, pkg);
while (queue.length > 0) {
  const [cls, name] = queue.shift() ?? ['', ''];
  const pkg = name.slice(0, name.lastIndexOf('.'));
  const model = readModel(cls);
  const docs = typeDocs(name);
  const properties: Schema = {};
  const required: string[] = [];
  for (const a of model.attrs) {
    const doc = model.props.get(a.name);
    const schema = schemaOfType(a.type, a.format, pkg);
    const description =
      docs?.props.get(a.baseName) || (doc?.description ? unescapeDoc(doc.description) : '');
    if (description) schema.description = description;
    properties[a.baseName] = schema;
    if (doc?.required) required.push(a.baseName);
  }
  const def: Schema = { type: 'object' };
  const description =
    docs?.description || (model.description ? unescapeDoc(model.description) : '');
  if (description) def.description = description;
  if (required.length > 0) def.required = required;
  def.properties = properties;
  definitions[name] = def;
}
definitions[INT_OR_STRING] = {
  type: 'string',
  format: 'int-or-string',
  description:
    'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
};

const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = join(dirname(fileURLToPath(import.meta.url)), 'definitions.json');
// formatted as the repository's prettier formats JSON, so `prettier --check` stays clean
writeFileSync(out, await format(JSON.stringify(sorted), { parser: 'json', filepath: out }));
console.log(`${Object.keys(sorted).length} definitions → ${out}`);
