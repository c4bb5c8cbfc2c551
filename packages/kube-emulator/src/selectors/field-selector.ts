// Field selectors (the `fieldSelector` query parameter): parsing, escaping, matching and printing,
// following k8s.io/apimachinery/pkg/fields/selector.go. Only `=`, `==` and `!=` exist; terms are
// ANDed; `\` escapes `\`, `,` and `=` in values; nothing is trimmed.
import { SelectorError } from './selector-error.ts';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  /** unescaped */
  value: string;
}

export interface FieldSelector {
  /** ANDed, in the order the server evaluates them (terms sorted as strings) */
  requirements: FieldRequirement[];
}

const TERM_OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

/** Splits on commas not escaped by a backslash; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator occurrence splits the term: the field name cannot be escaped. */
function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), operator: op, value: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.UnescapeValue, with its error messages. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      // Go formats the offending rune with %v, i.e. as its code point number.
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`);
    } else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.EscapeValue */
export function escapeFieldValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/**
 * Parses `a=b,c!=d`. Throws SelectorError with the server's message, e.g.
 * `invalid selector: 'foo'; can't understand 'foo'`. Field names are not checked here; see
 * convertFieldSelector for the per-kind check (`field label not supported: ...`).
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (term === undefined) throw new SelectorError(`invalid selector: '${s}'; can't understand '${part}'`);
    requirements.push({ ...term, value: unescapeFieldValue(term.value) });
  }
  return { requirements };
}

/** A missing field reads as "", as fields.Set.Get does. */
export function matchesFields(sel: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return sel.requirements.every((r) => {
    const actual = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
    return r.operator === '!=' ? actual !== r.value : actual === r.value;
  });
}

/** Selector.String(): terms joined with ",", values escaped. */
export function fieldSelectorToString(sel: FieldSelector): string {
  return sel.requirements.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`).join(',');
}

/** RequiresExactMatch: e.g. the `metadata.name` a list/watch is limited to (RBAC uses it as the name). */
export function fieldSelectorExactValue(sel: FieldSelector, field: string): string | undefined {
  for (const r of sel.requirements) {
    if (r.field === field && r.operator !== '!=') return r.value;
  }
  return undefined;
}
