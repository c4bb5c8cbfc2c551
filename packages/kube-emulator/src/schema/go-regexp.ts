// CRD `pattern`s are Go RE2 expressions; we run them as JS RegExps after translating the RE2-only
// spellings that real CRDs use. Both engines search unanchored, as kube-openapi's MatchString does.

/** Why a pattern cannot be used; the message ends up in the field error like Go's regexp error would. */
export class InvalidPatternError extends Error {
  readonly pattern: string;

  constructor(pattern: string, cause: string) {
    super(`error parsing regexp: ${cause}: \`${pattern}\``);
    this.name = 'InvalidPatternError';
    this.pattern = pattern;
  }
}

const cache = new Map<string, RegExp | InvalidPatternError>();

/**
 * Translate: leading flag groups `(?i)`, `(?s)`, `(?m)` become JS flags; `\A` → `^`, `\z` → `$`;
 * POSIX classes `[[:alpha:]]` etc. become explicit ranges; `\pL` → `\p{L}`; `(?P<n>` → `(?<n>`.
 * Other RE2 syntax is shared with JS. Not translated: `\Q...\E`, negated POSIX classes, flag groups
 * that are not at the start.
 */
function translate(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    source = source.slice(lead[0].length);
    for (const f of lead[1] ?? '') if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  const posix: Record<string, string> = {
    alnum: '0-9A-Za-z',
    alpha: 'A-Za-z',
    ascii: '\\x00-\\x7F',
    blank: '\\t ',
    cntrl: '\\x00-\\x1F\\x7F',
    digit: '0-9',
    graph: '!-~',
    lower: 'a-z',
    print: ' -~',
    punct: '!-\\/:-@\\[-`{-~',
    space: '\\t\\n\\v\\f\\r ',
    upper: 'A-Z',
    word: '0-9A-Za-z_',
    xdigit: '0-9A-Fa-f',
  };
  source = source.replace(/\[:(\w+):\]/g, (m, name: string) => posix[name] ?? m);
  source = source.replace(/\\A/g, '^').replace(/\\z/g, '$');
  // RE2's one-letter Unicode classes (\pL) and Python-style named groups (?P<name>...).
  source = source.replace(/\\([pP])([A-Z])/g, '\\$1{$2}').replace(/\(\?P</g, '(?<');
  return { source, flags };
}

/** Compile (cached) a Go pattern; returns the error instead of throwing so validation can report it. */
export function compileGoPattern(pattern: string): RegExp | InvalidPatternError {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const { source, flags } = translate(pattern);
  let result: RegExp | InvalidPatternError;
  try {
    // Unicode mode matches Go's rune semantics and \p{..}; some legal RE2 escapes (e.g. `\-` outside a
    // class) are errors there, so fall back to the legacy mode for those.
    result = new RegExp(source, flags + 'u');
  } catch {
    try {
      result = new RegExp(source, flags);
    } catch (err: unknown) {
      result = new InvalidPatternError(pattern, err instanceof Error ? err.message : String(err));
    }
  }
  cache.set(pattern, result);
  return result;
}
