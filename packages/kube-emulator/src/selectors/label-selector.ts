// Label selectors: parsing (the `labelSelector` query parameter), matching and printing, with the
// grammar and error messages of k8s.io/apimachinery/pkg/labels/selector.go.
import { scanLabelSelector } from './label-selector-lexer.ts';
import type { LabelToken, ScannedItem } from './label-selector-lexer.ts';
import {
  aggregateMessage,
  goQuote,
  goStringSlice,
  invalidFieldMessage,
  labelKeyErrors,
  labelValueErrors,
} from './label-validation.ts';
import { SelectorError } from './selector-error.ts';

/** selection.Operator values, spelled as apimachinery spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** sorted and de-duplicated, as the parser's string set leaves them */
  values: string[];
}

export interface LabelSelector {
  /** ANDed; sorted by key */
  requirements: LabelRequirement[];
  /** labels.Nothing(): a nil metav1.LabelSelector selects no object at all */
  matchesNothing?: boolean;
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/** The selector that matches every object (an empty `labelSelector`). */
export function everythingLabelSelector(): LabelSelector {
  return { requirements: [] };
}

/** The selector that matches no object (a nil metav1.LabelSelector). */
export function nothingLabelSelector(): LabelSelector {
  return { requirements: [], matchesNothing: true };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64) */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * labels.NewRequirement: validates the key, the operator's arity and every value. The messages
 * are field errors under an empty path, exactly what the server prints.
 */
export function newLabelRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length > 0) errs.push(invalidFieldMessage('key', key, keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) {
        errs.push(`values: Invalid value: ${goStringSlice(values)}: for 'in', 'notin' operators, values set can't be empty`);
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) {
        errs.push(`values: Invalid value: ${goStringSlice(values)}: exact-match compatibility requires one single value`);
      }
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        errs.push(`values: Invalid value: ${goStringSlice(values)}: values set must be empty for exists and does not exist`);
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        errs.push(`values: Invalid value: ${goStringSlice(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
      }
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalidFieldMessage(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default: {
      const supported = [...BINARY_OPERATORS, 'exists', '!'].map(goQuote).join(', ');
      errs.push(`operator: Unsupported value: ${goQuote(operator)}: supported values: ${supported}`);
    }
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0) errs.push(invalidFieldMessage(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  if (errs.length > 0) throw new SelectorError(aggregateMessage(errs));
  return { key, operator, values };
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGoStrings);
}

/** Go compares strings bytewise; for the label alphabet that is code-unit order. */
function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class LabelSelectorParser {
  private readonly items: ScannedItem[];
  private position = 0;

  constructor(input: string) {
    this.items = scanLabelSelector(input);
  }

  /** In the Values context the keywords `in`/`notin` are plain identifiers (`x in (in)`). */
  private lookahead(valuesContext: boolean): ScannedItem {
    return this.asContext(this.items[this.position], valuesContext);
  }

  private consume(valuesContext: boolean): ScannedItem {
    const item = this.items[this.position];
    this.position++;
    return this.asContext(item, valuesContext);
  }

  private asContext(item: ScannedItem, valuesContext: boolean): ScannedItem {
    if (valuesContext && (item.token === 'In' || item.token === 'NotIn')) return { token: 'Identifier', literal: item.literal };
    return item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead(true);
      switch (token) {
        case 'Identifier':
        case 'DoesNotExist': {
          let requirement: LabelRequirement;
          try {
            requirement = this.parseRequirement();
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            throw new SelectorError(`unable to parse requirement: ${message}`);
          }
          requirements.push(requirement);
          const next = this.consume(true);
          if (next.token === 'EndOfString') return requirements;
          if (next.token === 'Comma') {
            const after = this.lookahead(true);
            if (after.token !== 'Identifier' && after.token !== 'DoesNotExist') {
              throw new SelectorError(`found '${after.literal}', expected: identifier after ','`);
            }
            break;
          }
          throw new SelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
        }
        case 'EndOfString':
          return requirements;
        default:
          throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newLabelRequirement(key, operator, []);
    const binary = this.parseOperator();
    const values = binary === 'in' || binary === 'notin' ? this.parseValues() : this.parseExactValue();
    return newLabelRequirement(key, binary, sortedUnique(values));
  }

  private parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let operator: LabelOperator | undefined;
    let item = this.consume(true);
    if (item.token === 'DoesNotExist') {
      operator = '!';
      item = this.consume(true);
    }
    if (item.token !== 'Identifier') throw new Error(`found '${item.literal}', expected: identifier`);
    const keyErrs = labelKeyErrors(item.literal);
    // The parser validates the key under a nil field path, which Go prints as "<nil>".
    if (keyErrs.length > 0) throw new Error(invalidFieldMessage('<nil>', item.literal, keyErrs.join('; ')));
    const next = this.lookahead(true).token;
    if ((next === 'EndOfString' || next === 'Comma') && operator !== '!') operator = 'exists';
    return operator === undefined ? { key: item.literal } : { key: item.literal, operator };
  }

  private parseOperator(): LabelOperator {
    const { token, literal } = this.consume(false);
    const byToken: Partial<Record<LabelToken, LabelOperator>> = {
      In: 'in',
      Equals: '=',
      DoubleEquals: '==',
      GreaterThan: 'gt',
      LessThan: 'lt',
      NotIn: 'notin',
      NotEquals: '!=',
    };
    const op = byToken[token];
    if (op === undefined) throw new Error(`found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    return op;
  }

  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.token !== 'OpenPar') throw new Error(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead(true);
    switch (token) {
      case 'Identifier':
      case 'Comma': {
        const values = this.parseIdentifiersList();
        if (this.consume(true).token !== 'ClosedPar') throw new Error(`found '${literal}', expected: ')'`);
        return values;
      }
      case 'ClosedPar':
        this.consume(true);
        return [''];
      default:
        throw new Error(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): string[] {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume(true);
      switch (token) {
        case 'Identifier': {
          values.add(literal);
          const next = this.lookahead(true);
          if (next.token === 'Comma') continue;
          if (next.token === 'ClosedPar') return [...values];
          throw new Error(`found '${next.literal}', expected: ',' or ')'`);
        }
        case 'Comma': {
          // "(,", ",," and ",)" each stand for the empty value.
          if (values.size === 0) values.add('');
          const next = this.lookahead(true).token;
          if (next === 'ClosedPar') {
            values.add('');
            return [...values];
          }
          if (next === 'Comma') {
            this.consume(true);
            values.add('');
          }
          continue;
        }
        default:
          throw new Error(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead(true).token;
    if (next === 'EndOfString' || next === 'Comma') return [''];
    const { token, literal } = this.consume(true);
    if (token === 'Identifier') return [literal];
    throw new Error(`found '${literal}', expected: identifier`);
  }
}

function sortByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  return [...requirements].sort((a, b) => compareGoStrings(a.key, b.key));
}

/**
 * Parses a label selector string such as `app=web,tier in (a,b),!canary`. Throws SelectorError
 * with the API server's message (`unable to parse requirement: ...`, `found ',', expected: ...`).
 */
export function parseLabelSelector(s: string): LabelSelector {
  return { requirements: sortByKey(new LabelSelectorParser(s).parse()) };
}

/** labels.SelectorFromSet: equality on every pair; an empty set matches everything. */
export function labelSelectorFromSet(set: Record<string, string>): LabelSelector {
  return {
    requirements: sortByKey(Object.entries(set).map(([key, value]) => ({ key, operator: '=' as const, values: [value] }))),
  };
}

function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || r.values.length !== 1) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(r.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** Does an object with these labels match? Missing labels count as absent, never as "". */
export function matchesLabels(sel: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (sel.matchesNothing === true) return false;
  const set = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, set));
}

/** True when the selector does not restrict anything (labels.Everything()). */
export function isEverythingLabelSelector(sel: LabelSelector): boolean {
  return sel.matchesNothing !== true && sel.requirements.length === 0;
}

function requirementToString(r: LabelRequirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  if (r.operator === 'exists' || r.operator === '!') return `${prefix}${r.key}`;
  const opText: Record<string, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<' };
  const values = r.values.length === 1 ? (r.values[0]) : [...r.values].sort(compareGoStrings).join(',');
  const body = r.operator === 'in' || r.operator === 'notin' ? `(${values})` : values;
  return `${r.key}${opText[r.operator] ?? r.operator}${body}`;
}

/** Selector.String(): the canonical form, e.g. `app=web,tier in (a,b)`; "" for everything/nothing. */
export function labelSelectorToString(sel: LabelSelector): string {
  if (sel.matchesNothing === true) return '';
  return sel.requirements.map(requirementToString).join(',');
}

/** RequiresExactMatch: the single value a selector demands for `key`, if it demands exactly one. */
export function labelSelectorExactValue(sel: LabelSelector, key: string): string | undefined {
  const r = sel.requirements.find((req) => req.key === key);
  if (r === undefined) return undefined;
  if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
  return undefined;
}
