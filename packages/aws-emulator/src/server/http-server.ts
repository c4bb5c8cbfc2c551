// node:http front door on 127.0.0.1: buffers the body, sends /_emulator/* to the admin routes and
// everything else through the AWS request pipeline. The Date header comes from the emulator's
// clock so SDK clients can correct their clock skew against it, as they do against AWS.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsResponse } from '../core/contracts.ts';
import type { AdminDeps } from '../admin/admin-routes.ts';
import { ADMIN_PREFIX, handleAdminRequest } from '../admin/admin-routes.ts';
import type { PipelineDeps } from './aws-request-pipeline.ts';
import { handleAwsRequest } from './aws-request-pipeline.ts';

/** AWS APIs reject bodies this large long before; protects the emulator from runaway clients. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpServerHandle {
  server: Server;
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(
  options: { port: number; host?: string },
  deps: PipelineDeps & { admin: AdminDeps },
): Promise<HttpServerHandle> {
  const server = createServer((req, res) => {
    void serve(req, res, deps);
  });
  // Keep-alive sockets would hold close() open; the SDK clients reconnect as needed.
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    endpoint: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps & { admin: AdminDeps }): Promise<void> {
  try {
    const body = await readBody(req);
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
    let response: AwsResponse;
    if (path.startsWith(ADMIN_PREFIX)) {
      response = handleAdminRequest(req.method ?? 'GET', new URL(rawUrl, 'http://emulator'), body, deps.admin);
    } else {
      response = await handleAwsRequest(
        { method: req.method ?? 'GET', path, rawQuery, headers: flattenHeaders(req), body },
        deps,
      );
    }
    send(res, response, deps.clock.now());
  } catch (error) {
    deps.logger.error({ err: error }, 'request failed outside the pipeline');
    if (!res.headersSent) {
      res.statusCode = error instanceof BodyTooLargeError ? 413 : 500;
      res.end();
    }
  }
}

class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Lower-cased names; repeated headers joined with ',' as SigV4 canonicalisation expects. */
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    const value = req.rawHeaders[i + 1];
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
}

function send(res: ServerResponse, response: AwsResponse, now: Date): void {
  res.statusCode = response.status;
  res.setHeader('date', now.toUTCString());
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  const body = response.body ?? '';
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
