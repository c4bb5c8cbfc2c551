// List pagination: maxResults 1-100 (the model's MaxResults) and an opaque nextToken. The token
// names the last key returned, so deletions between pages neither skip nor repeat items.
import { invalidField } from './errors.ts';
import { creationSequence } from './state.ts';

const DEFAULT_PAGE = 100;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function readMaxResults(query: URLSearchParams): number {
  const raw = query.get('maxResults');
  if (raw === null) return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw invalidField('maxResults', 'must be between 1 and 100');
  return n;
}

/** `items` must be sorted by `key` (ascending, unique). */
export function paginate<T>(
  items: T[],
  key: (item: T) => string,
  query: URLSearchParams,
  listName: string,
): Page<T> {
  const max = readMaxResults(query);
  const token = query.get('nextToken');
  let start = 0;
  if (token !== null) {
    const after = decodeToken(token, listName);
    start = items.findIndex((item) => key(item) > after);
    if (start === -1) start = items.length;
  }
  const slice = items.slice(start, start + max);
  const more = start + max < items.length;
  const last = slice[slice.length - 1];
  return more && last !== undefined
    ? { items: slice, nextToken: encodeToken(key(last), listName) }
    : { items: slice };
}

function encodeToken(after: string, listName: string): string {
  return Buffer.from(JSON.stringify({ v: 1, l: listName, a: after })).toString('base64url');
}

function decodeToken(token: string, listName: string): string {
  if (token.length < 1 || token.length > 2048) throw invalidField('nextToken', 'is not valid');
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown;
      l?: unknown;
      a?: unknown;
    };
    if (parsed.v === 1 && parsed.l === listName && typeof parsed.a === 'string') return parsed.a;
  } catch {
    // fall through: any undecodable token is simply invalid
  }
  throw invalidField('nextToken', 'is not valid');
}

/** Stable list order: the order records were created in. */
export function creationKey(record: { id: string }): string {
  return `${String(creationSequence(record)).padStart(12, '0')}|${record.id}`;
}
