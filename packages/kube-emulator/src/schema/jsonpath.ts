// Kubernetes JSONPath (k8s.io/client-go/util/jsonpath) as the apiserver evaluates additionalPrinterColumns:
// `{.a.b}` or `.a.b`, `['k.e.y']`, `.a\.b` escapes, `[n]`, `[-n]`, `[a:b:c]`, `[*]`, `.*`, `..name`,
// unions `[0,2]` / `['a','b']` and filters `[?(@.type=="Ready")]`. Missing keys yield no values,
// as with AllowMissingKeys(true), which the printer-column convertor sets.
import type { JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { deepEqual } from './schema-access.ts';

/** A JSONPath the parser rejects (the apiserver then falls back to default printing for the CRD). */
export class JsonPathError extends Error {
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`unrecognized column definition ${JSON.stringify(path)}: ${reason}`);
    this.name = 'JsonPathError';
    this.path = path;
  }
}

type Literal = string | number | boolean | null;
type Operand = { kind: 'path'; steps: Step[] } | { kind: 'literal'; value: Literal };
interface Filter {
  left: Operand;
  op?: '==' | '!=' | '<' | '>' | '<=' | '>=';
  right?: Operand;
}
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string | undefined }
  | { kind: 'wildcard' }
  | { kind: 'keys'; names: string[] }
  | { kind: 'index'; indices: number[] }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; filter: Filter };

/** Evaluate a Kubernetes JSONPath against an object; throws JsonPathError on a syntax error. */
export function evaluateJsonPath(obj: JsonValue, path: string): JsonValue[] {
  return evaluate(parseJsonPath(path), [obj]);
}

/** Parse once, evaluate many times (the table convertor evaluates one column for every row). */
export function compileJsonPath(path: string): (obj: JsonValue) => JsonValue[] {
  const steps = parseJsonPath(path);
  return (obj) => evaluate(steps, [obj]);
}

export function parseJsonPath(path: string): Step[] {
  let text = path.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  const parser = new Parser(text, path);
  if (parser.peek() === '$') parser.pos++;
  const steps = parser.steps(() => false);
  if (!parser.done()) throw new JsonPathError(path, `unexpected ${JSON.stringify(parser.rest())}`);
  return steps;
}

class Parser {
  pos = 0;
  readonly text: string;
  readonly original: string;

  constructor(text: string, original: string) {
    this.text = text;
    this.original = original;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  done(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  fail(reason: string): never {
    throw new JsonPathError(this.original, reason);
  }

  steps(stop: () => boolean): Step[] {
    const out: Step[] = [];
    while (!this.done() && !stop()) {
      const c = this.peek();
      if (c === '.' && this.peek(1) === '.') {
        this.pos += 2;
        const name = this.peek() === '*' ? (this.pos++, undefined) : this.name();
        out.push({ kind: 'recursive', name });
      } else if (c === '.') {
        this.pos++;
        if (this.peek() === '*') {
          this.pos++;
          out.push({ kind: 'wildcard' });
        } else if (this.peek() !== '[' && !this.done()) {
          out.push({ kind: 'field', name: this.name() });
        }
      } else if (c === '[') {
        out.push(this.bracket());
      } else if (c === '@' && out.length === 0) {
        this.pos++;
      } else {
        this.fail(`unexpected ${JSON.stringify(c)}`);
      }
    }
    return out;
  }

  /** A dotted field name; `\.` escapes a dot, names end at `.`, `[`, space, operators or `)`. */
  name(): string {
    let name = '';
    while (!this.done()) {
      const c = this.peek();
      if (c === '\\' && this.peek(1) !== '') {
        name += this.peek(1);
        this.pos += 2;
        continue;
      }
      if ('.[]() =!<>'.includes(c)) break;
      name += c;
      this.pos++;
    }
    if (name === '') this.fail('empty field name');
    return name;
  }

  bracket(): Step {
    this.pos++; // [
    const close = (): void => {
      this.skipSpace();
      if (this.peek() !== ']') this.fail('missing ]');
      this.pos++;
    };
    this.skipSpace();
    if (this.peek() === '*') {
      this.pos++;
      close();
      return { kind: 'wildcard' };
    }
    if (this.peek() === '?') {
      this.pos++;
      this.skipSpace();
      if (this.peek() !== '(') this.fail('filter must be ?(...)');
      this.pos++;
      const filter = this.filter();
      this.skipSpace();
      if (this.peek() !== ')') this.fail('missing ) in filter');
      this.pos++;
      close();
      return { kind: 'filter', filter };
    }
    if (this.peek() === "'" || this.peek() === '"') {
      const names: string[] = [];
      for (;;) {
        this.skipSpace();
        names.push(this.quoted());
        this.skipSpace();
        if (this.peek() !== ',') break;
        this.pos++;
      }
      close();
      return { kind: 'keys', names };
    }
    const body = this.until(']');
    this.pos++;
    if (body.includes(':')) {
      const [a, b, c] = body.split(':').map((x) => x.trim());
      const int = (x: string | undefined): number | undefined =>
        x === undefined || x === '' ? undefined : this.integer(x);
      return { kind: 'slice', start: int(a), end: int(b), step: int(c) };
    }
    return { kind: 'index', indices: body.split(',').map((x) => this.integer(x.trim())) };
  }

  integer(x: string): number {
    if (!/^-?\d+$/.test(x)) this.fail(`invalid array index ${JSON.stringify(x)}`);
    return Number(x);
  }

  until(ch: string): string {
    const end = this.text.indexOf(ch, this.pos);
    if (end < 0) this.fail(`missing ${ch}`);
    const body = this.text.slice(this.pos, end);
    this.pos = end;
    return body;
  }

  skipSpace(): void {
    while (this.peek() === ' ') this.pos++;
  }

  quoted(): string {
    const q = this.peek();
    if (q !== "'" && q !== '"') this.fail('expected a quoted string');
    this.pos++;
    let out = '';
    while (!this.done() && this.peek() !== q) {
      if (this.peek() === '\\' && this.peek(1) !== '') {
        out += this.peek(1);
        this.pos += 2;
      } else {
        out += this.peek();
        this.pos++;
      }
    }
    if (this.done()) this.fail('unterminated string');
    this.pos++;
    return out;
  }

  filter(): Filter {
    const left = this.operand();
    this.skipSpace();
    const op = /^(==|!=|<=|>=|<|>)/.exec(this.rest())?.[1] as Filter['op'];
    if (op === undefined) return { left };
    this.pos += op.length;
    this.skipSpace();
    return { left, op, right: this.operand() };
  }

  operand(): Operand {
    this.skipSpace();
    const c = this.peek();
    if (c === '@') {
      this.pos++;
      return { kind: 'path', steps: this.steps(() => ' )=!<>'.includes(this.peek())) };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.rest());
    if (!m) this.fail(`unrecognized filter operand ${JSON.stringify(this.rest())}`);
    const text = m[0];
    this.pos += text.length;
    return {
      kind: 'literal',
      value:
        text === 'true' ? true : text === 'false' ? false : text === 'null' ? null : Number(text),
    };
  }
}

function evaluate(steps: readonly Step[], input: JsonValue[]): JsonValue[] {
  let current = input;
  for (const step of steps) current = current.flatMap((v) => apply(step, v));
  return current;
}

function apply(step: Step, v: JsonValue): JsonValue[] {
  switch (step.kind) {
    case 'field':
      return isJsonObject(v) && Object.prototype.hasOwnProperty.call(v, step.name)
        ? [v[step.name] ?? null]
        : [];
    case 'keys':
      return isJsonObject(v)
        ? step.names
            .filter((n) => Object.prototype.hasOwnProperty.call(v, n))
            .map((n) => v[n] ?? null)
        : [];
    case 'wildcard':
      if (Array.isArray(v)) return v;
      return isJsonObject(v)
        ? Object.keys(v)
            .sort()
            .map((k) => v[k] ?? null)
        : [];
    case 'index':
      if (!Array.isArray(v)) return [];
      return step.indices.flatMap((i) => {
        const idx = i < 0 ? v.length + i : i;
        return idx >= 0 && idx < v.length ? [v[idx] ?? null] : [];
      });
    case 'slice':
      return Array.isArray(v) ? slice(v, step) : [];
    case 'recursive':
      return recursive(v, step.name);
    case 'filter':
      return Array.isArray(v) ? v.filter((item) => matches(step.filter, item)) : [];
  }
}

function slice(v: JsonValue[], s: { start?: number; end?: number; step?: number }): JsonValue[] {
  const len = v.length;
  const norm = (x: number): number => Math.min(Math.max(x < 0 ? len + x : x, 0), len);
  const start = norm(s.start ?? 0);
  const end = norm(s.end ?? len);
  const step = s.step === undefined || s.step === 0 ? 1 : s.step;
  const out: JsonValue[] = [];
  if (step > 0) for (let i = start; i < end; i += step) out.push(v[i] ?? null);
  return out;
}

function recursive(v: JsonValue, name: string | undefined): JsonValue[] {
  const out: JsonValue[] = [];
  const walk = (x: JsonValue): void => {
    if (Array.isArray(x)) {
      if (name === undefined) out.push(...x);
      x.forEach(walk);
    } else if (isJsonObject(x)) {
      for (const k of Object.keys(x).sort()) {
        if (name === undefined || k === name) out.push(x[k] ?? null);
        walk(x[k] ?? null);
      }
    }
  };
  walk(v);
  return out;
}

function operandValues(o: Operand, item: JsonValue): JsonValue[] {
  return o.kind === 'literal' ? [o.value] : evaluate(o.steps, [item]);
}

function matches(f: Filter, item: JsonValue): boolean {
  const left = operandValues(f.left, item);
  if (f.op === undefined || f.right === undefined) return left.length > 0;
  const right = operandValues(f.right, item);
  if (left.length === 0 || right.length === 0) return false;
  const a = left[0] ?? null;
  const b = right[0] ?? null;
  switch (f.op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    default:
      return compare(a, b, f.op);
  }
}

function compare(a: JsonValue, b: JsonValue, op: '<' | '>' | '<=' | '>='): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  if (typeof a === 'string' && typeof b === 'string')
    return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  return false;
}
