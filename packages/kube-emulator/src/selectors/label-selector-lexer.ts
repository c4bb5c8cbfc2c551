// Tokenizer for label selector strings, a port of the lexer in
// k8s.io/apimachinery/pkg/labels/selector.go. Kept token for token so that odd inputs
// ("a===b", "x in ((a)", "!!a") fail with the same messages as on a real API server.

export type LabelToken =
  | 'Error'
  | 'EndOfString'
  | 'ClosedPar'
  | 'Comma'
  | 'DoesNotExist'
  | 'DoubleEquals'
  | 'Equals'
  | 'GreaterThan'
  | 'Identifier'
  | 'In'
  | 'LessThan'
  | 'NotEquals'
  | 'NotIn'
  | 'OpenPar';

export interface ScannedItem {
  token: LabelToken;
  literal: string;
}

const STRING_TO_TOKEN: ReadonlyMap<string, LabelToken> = new Map<string, LabelToken>([
  [')', 'ClosedPar'],
  [',', 'Comma'],
  ['!', 'DoesNotExist'],
  ['==', 'DoubleEquals'],
  ['=', 'Equals'],
  ['>', 'GreaterThan'],
  ['in', 'In'],
  ['<', 'LessThan'],
  ['!=', 'NotEquals'],
  ['notin', 'NotIn'],
  ['(', 'OpenPar'],
]);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecialSymbol(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/** Scans the whole input; the last item is always EndOfString. */
export function scanLabelSelector(input: string): ScannedItem[] {
  // Go reads bytes and treats a NUL byte like the end of the input; so do we.
  const s = input.includes('\0') ? input.slice(0, input.indexOf('\0')) : input;
  let pos = 0;
  const items: ScannedItem[] = [];

  const scanIdOrKeyword = (): ScannedItem => {
    const start = pos;
    while (pos < s.length) {
      const ch = s[pos];
      if (isSpecialSymbol(ch) || isWhitespace(ch)) break;
      pos++;
    }
    const literal = s.slice(start, pos);
    return { token: STRING_TO_TOKEN.get(literal) ?? 'Identifier', literal };
  };

  const scanSpecialSymbol = (): ScannedItem => {
    let buffer = '';
    let last: ScannedItem | undefined;
    while (pos < s.length) {
      const ch = s[pos];
      if (!isSpecialSymbol(ch)) break;
      buffer += ch;
      const token = STRING_TO_TOKEN.get(buffer);
      if (token !== undefined) {
        last = { token, literal: buffer };
      } else if (last !== undefined) {
        break;
      }
      pos++;
    }
    return last ?? { token: 'Error', literal: `error expected: keyword found '${buffer}'` };
  };

  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ token: 'EndOfString', literal: '' });
      return items;
    }
    items.push(isSpecialSymbol(s[pos]) ? scanSpecialSymbol() : scanIdOrKeyword());
  }
}
