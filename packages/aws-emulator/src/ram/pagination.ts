// nextToken/maxResults as RAM pages lists. The token is opaque to clients; it records the offset
// and a fingerprint of the request it belongs to, so a token replayed with other filters (or
// made up) is refused with InvalidNextTokenException instead of returning a wrong page.
import { createHash } from 'node:crypto';
import { InvalidMaxResultsException, InvalidNextTokenException } from './ram-errors.ts';

/** RAM's documented range for maxResults. */
export const MAX_RESULTS_LIMIT = 500;
/** Page size when the caller gives no maxResults (RAM documents it as operation-specific). */
export const DEFAULT_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  scope: unknown,
): Page<T> {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT)) {
    throw new InvalidMaxResultsException(
      `The value ${maxResults} for maxResults is not valid: it must be between 1 and ${MAX_RESULTS_LIMIT}.`,
    );
  }
  const fingerprint = createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 16);
  const offset = nextToken === undefined ? 0 : decodeToken(nextToken, fingerprint);
  const size = maxResults ?? DEFAULT_PAGE_SIZE;
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  return end < items.length
    ? { items: page, nextToken: encodeToken(end, fingerprint) }
    : { items: page };
}

function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

function decodeToken(token: string, fingerprint: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      f?: unknown;
    };
    if (
      decoded.f === fingerprint &&
      typeof decoded.o === 'number' &&
      Number.isInteger(decoded.o) &&
      decoded.o >= 0
    ) {
      return decoded.o;
    }
  } catch {
    // falls through to the modelled error below
  }
  throw new InvalidNextTokenException('The specified value for nextToken is not valid.');
}
