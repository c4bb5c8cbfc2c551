// A tiny raw HTTP client for wire-level assertions (status codes, Status bodies, watch lines).
import type { KubeEmulator } from '../../src/index.ts';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  body: any;
}

export class ApiClient {
  readonly #base: string;
  readonly #token: string | undefined;

  constructor(emulator: KubeEmulator, cluster: string, token?: string | null) {
    this.#base = emulator.clusterUrl(cluster);
    this.#token = token === null ? undefined : (token ?? emulator.adminToken(cluster));
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const res = await fetch(`${this.#base}${path}`, {
      method,
      headers: {
        ...(this.#token ? { Authorization: `Bearer ${this.#token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text answers (healthz)
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(path: string, headers?: Record<string, string>): Promise<ApiResponse> {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse> {
    return this.request('POST', path, body, headers);
  }

  /** Open a watch and collect its events until `until` says stop (or the server ends it). */
  async watch(
    path: string,
    until: (events: WatchEvent[]) => boolean,
    onOpen?: () => Promise<void>,
  ): Promise<WatchEvent[]> {
    const controller = new AbortController();
    const res = await fetch(`${this.#base}${path}`, {
      headers: this.#token ? { Authorization: `Bearer ${this.#token}` } : {},
      signal: controller.signal,
    });
    if (!res.body) throw new Error('no body');
    const events: WatchEvent[] = [];
    const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    let buffered = '';
    const opened = onOpen ? onOpen() : Promise.resolve();
    try {
      for (;;) {
        if (until(events)) break;
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
        }
      }
    } finally {
      controller.abort();
      await opened;
    }
    return events;
  }
}

export interface WatchEvent {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  object: any;
}
