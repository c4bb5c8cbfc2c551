// Query strings as SigV4 sees them: decoded once, repeated keys kept, order irrelevant (the
// canonical query sorts). '+' is left as is: SigV4 clients encode spaces as %20.
export function parseRawQuery(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (raw === '') return pairs;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([safeDecode(key), safeDecode(value)]);
  }
  return pairs;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** First value per key, for reading parameters. */
export function queryMap(pairs: Array<[string, string]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of pairs) if (!map.has(key)) map.set(key, value);
  return map;
}
