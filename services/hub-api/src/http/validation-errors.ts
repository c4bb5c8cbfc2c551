// Schema errors (Ajv's from Fastify, TypeBox's from Value.Errors: the same shape) as
// field-level problems a client can show next to its inputs: `spec.networkAccount.roleArn`.
import type { FieldProblem } from '@trellis/core';

export interface SchemaError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/spec/networkAccount/0/x` → `spec.networkAccount[0].x`, prefixed with the request part. */
export function fieldOf(instancePath: string, prefix = ''): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = prefix;
  for (const part of parts) {
    if (/^\d+$/.test(part)) field += `[${part}]`;
    else field += field === '' ? part : `.${part}`;
  }
  return field;
}

function join(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

export function fieldProblemsOf(errors: readonly SchemaError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (p: FieldProblem) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(p);
  };
  for (const error of errors) {
    const at = fieldOf(error.instancePath, prefix);
    switch (error.keyword) {
      case 'required':
        // Ajv: params.missingProperty; TypeBox: params.requiredProperties
        for (const name of [
          ...asStrings(error.params.missingProperty),
          ...asStrings(error.params.requiredProperties),
        ]) {
          add({ field: join(at, name), message: 'is required' });
        }
        break;
      case 'additionalProperties':
        for (const name of [
          ...asStrings(error.params.additionalProperty),
          ...asStrings(error.params.additionalProperties),
        ]) {
          add({ field: join(at, name), message: 'is not a known field' });
        }
        break;
      case 'boolean':
        // TypeBox reports each extra property also as "schema is false"; the
        // additionalProperties entry above already names it.
        if (error.message === 'schema is false') {
          add({ field: at, message: 'is not a known field' });
          break;
        }
        add({ field: at || '(body)', message: error.message ?? 'is invalid' });
        break;
      default:
        add({ field: at || '(body)', message: error.message ?? 'is invalid' });
    }
  }
  return problems;
}
