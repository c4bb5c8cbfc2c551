// Sends a request on to a target and streams the answer back, with the headers VPC Lattice adds
// ("HTTP targets in VPC Lattice"): x-forwarded-for / -port / -proto, and the caller identity
// headers x-amzn-lattice-identity, x-amzn-lattice-network, x-amzn-lattice-target. Lattice strips
// caller identity headers a client sent, so they cannot be spoofed; so does the emulator, along
// with hop-by-hop headers and its own x-trellis-source-vpc.
import http from 'node:http';
import { UpstreamError } from './errors.ts';

export interface ForwardTarget {
  host: string;
  port: number;
}

export interface LatticeHeaders {
  clientAddress: string;
  listenerPort: number;
  listenerProtocol: 'http' | 'https';
  /** Principal=…; PrincipalOrgID=…; SessionName=… (only after AWS_IAM authentication) */
  identity?: string;
  /** SourceVpcArn=arn:aws:ec2:<region>:<account>:vpc/<id> (only when the source VPC is known) */
  network?: string;
  /** ServiceArn=…;ServiceNetworkArn=…;TargetGroupArn=… */
  target: string;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export const SOURCE_VPC_HEADER = 'x-trellis-source-vpc';

export function forwardedHeaders(
  incoming: http.IncomingHttpHeaders,
  lattice: LatticeHeaders,
): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === SOURCE_VPC_HEADER) continue;
    if (name.startsWith('x-amzn-lattice-')) continue;
    out[name] = value;
  }
  const previous = incoming['x-forwarded-for'];
  out['x-forwarded-for'] = previous
    ? `${String(previous)}, ${lattice.clientAddress}`
    : lattice.clientAddress;
  out['x-forwarded-for-port'] = String(lattice.listenerPort);
  out['x-forwarded-for-proto'] = lattice.listenerProtocol;
  if (lattice.identity !== undefined) out['x-amzn-lattice-identity'] = lattice.identity;
  if (lattice.network !== undefined) out['x-amzn-lattice-network'] = lattice.network;
  out['x-amzn-lattice-target'] = lattice.target;
  return out;
}

/**
 * Streams `body` (the client request, or a buffer when it was read for signature checks) to the
 * target and the target's answer to `res`. Rejects with UpstreamError when the target cannot be
 * reached or does not answer within `timeoutMs`, before anything was sent back.
 */
export function forwardRequest(
  req: http.IncomingMessage,
  body: Buffer | undefined,
  res: http.ServerResponse,
  target: ForwardTarget,
  headers: http.OutgoingHttpHeaders,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        timeout: timeoutMs,
      },
      (answer) => {
        const responseHeaders: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) responseHeaders[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, responseHeaders);
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
      },
    );
    upstream.on('timeout', () => {
      upstream.destroy(
        new UpstreamError(
          'upstream-timeout',
          `Target ${target.host}:${target.port} did not answer in time`,
        ),
      );
    });
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        resolve();
        return;
      }
      reject(
        error instanceof UpstreamError
          ? error
          : new UpstreamError(
              'upstream-connect',
              `Target ${target.host}:${target.port}: ${error.message}`,
            ),
      );
    });
    if (body !== undefined) upstream.end(body);
    else req.pipe(upstream);
  });
}
