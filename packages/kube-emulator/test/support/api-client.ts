// A tiny raw HTTP client for wire-level assertions (status codes, Status bodies, watch lines).
import { request as httpsRequest } from 'node:https';
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
  /** the emulator's CA for TLS listeners (fetch cannot be given one, node:https can) */
  readonly #ca: string | undefined;

  constructor(emulator: KubeEmulator, cluster: string, token?: string | null) {
    this.#base = emulator.clusterUrl(cluster);
    this.#ca = emulator.caPem;
    this.#token = token === null ? undefined : (token ?? emulator.adminToken(cluster));
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const allHeaders: Record<string, string> = {
      ...(this.#token ? { Authorization: `Bearer ${this.#token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    };
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const { status, responseHeaders, text } =
      this.#ca === undefined ? await this.#fetch(method, path, allHeaders, payload) : await this.#https(method, path, allHeaders, payload, this.#ca);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text answers (healthz)
    }
    return { status, headers: responseHeaders, body: parsed };
  }

  async #fetch(method: string, path: string, headers: Record<string, string>, payload: string | undefined): Promise<RawAnswer> {
    const res = await fetch(`${this.#base}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    return { status: res.status, responseHeaders: res.headers, text: await res.text() };
  }

  #https(method: string, path: string, headers: Record<string, string>, payload: string | undefined, ca: string): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(`${this.#base}${path}`, { method, headers, ca }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
          }
          resolve({ status: res.statusCode ?? 0, responseHeaders, text });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
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

interface RawAnswer {
  status: number;
  responseHeaders: Headers;
  text: string;
}

export interface WatchEvent {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  object: any;
}
