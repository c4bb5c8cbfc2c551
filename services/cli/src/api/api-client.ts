// The hub's REST API over fetch: bearer token, JSON bodies, problem+json errors turned into
// CliErrors with the right exit code, and list pages followed to the end.
import { ApiProblemError, ServerUnavailableError } from '../cli-errors.ts';
import { problemLines, problemOf } from './problem.ts';

export interface Connection {
  server: string;
  token: string;
}

export interface ListPage<T> {
  items: T[];
  continue?: string;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

type FetchLike = typeof fetch;

const REQUEST_TIMEOUT_MS = 30_000;
const USER_AGENT = 'trellis-cli/0.1';

export class ApiClient {
  readonly server: string;
  private readonly token: string;
  private readonly fetchImpl: FetchLike;

  constructor(connection: Connection, fetchImpl: FetchLike = fetch) {
    this.server = connection.server.replace(/\/+$/, '');
    this.token = connection.token;
    this.fetchImpl = fetchImpl;
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).body;
  }

  async post<T>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  async patch<T>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body, 'application/merge-patch+json');
  }

  async delete<T>(path: string): Promise<ApiResponse<T | undefined>> {
    return this.request<T | undefined>('DELETE', path);
  }

  /** Every item of a paginated list, following `continue` cursors. */
  async listAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({
        limit: '500',
        ...(cursor !== undefined ? { continue: cursor } : {}),
      });
      const page = await this.get<ListPage<T>>(`${path}?${query.toString()}`);
      items.push(...page.items);
      cursor = page.continue;
    } while (cursor !== undefined);
    return items;
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<ApiResponse<T>> {
    const url = `${this.server}${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json, application/problem+json',
          'user-agent': USER_AGENT,
          ...(body !== undefined ? { 'content-type': contentType } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ServerUnavailableError(
        `cannot reach the server at ${this.server}: ${transportReason(error)}`,
        ['check --server / TRELLIS_SERVER and that hub-api is running'],
      );
    }
    const text = await response.text();
    const parsed = parseBody(text);
    if (response.status >= 500) {
      const problem = problemOf(response.status, response.statusText, parsed);
      throw new ServerUnavailableError(
        `the server failed: ${method} ${path} answered ${response.status}`,
        problemLines(problem),
      );
    }
    if (response.status >= 400) {
      throw new ApiProblemError(problemOf(response.status, response.statusText, parsed), path);
    }
    return { status: response.status, body: parsed as T };
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The root cause of a failed fetch, e.g. "ECONNREFUSED", without a stack. */
function transportReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (current.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`;
    if (current.cause === undefined) return current.message;
    current = current.cause;
  }
  return String(current);
}

/** A path with every interpolated value URL-encoded: apiPath`/v1/tenants/${name}`. */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i] ?? '') : ''),
    '',
  );
}
