// The Lattice data plane: one HTTP proxy for every service. A request addressed (Host header) to
// a service's DNS name or custom domain name is checked against the service network association
// (x-trellis-source-vpc, an emulator extension) and AWS_IAM auth, matched against the listener's
// rules, sent to a target group drawn by weight and a healthy target of it, round-robin.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { systemClock } from '../core/clock.ts';
import type { Clock } from '../core/contracts.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import type { LatticeDataPlaneView, LatticeServiceView } from '../lattice/index.ts';
import type { AuthPolicySource } from './auth-policy-source.ts';
import { authPoliciesFromView } from './auth-policy-source.ts';
import {
  AccessDeniedError,
  DataPlaneError,
  NoHealthyTargetError,
  NoListenerError,
  UnknownHostError,
} from './errors.ts';
import { forwardedHeaders, forwardRequest, SOURCE_VPC_HEADER } from './forward-request.ts';
import type { HealthCheckOptions } from './health-checker.ts';
import { HealthChecker } from './health-checker.ts';
import type { Authorized } from './iam-auth.ts';
import { authorizeInvoke, requiresIamAuth } from './iam-auth.ts';
import { parseHost, selectListener } from './listener-selection.ts';
import { selectRule } from './rule-match.ts';
import type { RandomSource } from './weighted-choice.ts';
import { RoundRobin } from './weighted-choice.ts';
import { selectTarget } from './target-selection.ts';

export interface LatticeDataPlaneOptions {
  /** `emulator.lattice.dataPlane` */
  view: LatticeDataPlaneView;
  /** `emulator.identity`: verifies SigV4 for AWS_IAM; without it signed requests are refused */
  identity?: IdentityStore;
  /** where auth policies come from; default: the view's authPolicyOf */
  authPolicies?: AuthPolicySource;
  /** `emulator.clock`, so request signatures are judged on the emulator's time */
  clock?: Clock;
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** false turns active health checks off (targets stay as reported by whoever sets them) */
  healthChecks?: false | HealthCheckOptions;
  /** for weighted target group choice; default Math.random */
  random?: RandomSource;
  /** how long a connection to a target may stay idle; default the service's idleTimeoutSeconds */
  upstreamTimeoutMs?: number;
  /** pino logger; quiet without one */
  logger?: Logger;
}

export interface LatticeDataPlane {
  /** http://127.0.0.1:<port> — send requests here with the service's DNS name as Host */
  url: string;
  port: number;
  /** undefined when started with healthChecks: false */
  healthChecker?: HealthChecker;
  stop(): Promise<void>;
}

/** Signed bodies larger than this are refused rather than buffered for signature checks. */
const MAX_SIGNED_BODY_BYTES = 10 * 1024 * 1024;

export async function startLatticeDataPlane(
  options: LatticeDataPlaneOptions,
): Promise<LatticeDataPlane> {
  const view = options.view;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const policies = options.authPolicies ?? authPoliciesFromView(view);
  const roundRobin = new RoundRobin();

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const hostHeader = req.headers.host;
    if (!hostHeader)
      throw new DataPlaneError('missing-host', 400, 'BadRequest', 'A Host header is required');
    const host = parseHost(hostHeader);
    const service = view.findServiceByHost(host.name);
    if (!service) throw new UnknownHostError(host.name);
    if (service.status !== 'ACTIVE') {
      throw new NoHealthyTargetError(
        'service-not-active',
        `Service ${service.arn} is ${service.status}`,
      );
    }
    const sourceVpcId = headerValue(req.headers[SOURCE_VPC_HEADER]);
    // With a source VPC, the request comes through the one network that VPC is associated with.
    const serviceNetwork =
      sourceVpcId === undefined ? undefined : view.serviceNetworkFor(sourceVpcId, service.arn);
    if (sourceVpcId !== undefined && !serviceNetwork) {
      throw new AccessDeniedError(
        'vpc-not-associated',
        `VPC ${sourceVpcId} is not associated with a service network that has service ${service.arn}`,
      );
    }
    const listener = selectListener(view.listenersOf(service.arn), host.port);
    if (!listener) throw new NoListenerError(service.arn, host.port);

    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const headers = flatHeaders(req.headers);
    const sourceVpc =
      sourceVpcId === undefined
        ? undefined
        : { id: sourceVpcId, ownerAccountId: options.identity?.findVpc(sourceVpcId)?.accountId };
    let body: Buffer | undefined;
    let authorized: Authorized = {};
    if (requiresIamAuth(service, serviceNetwork)) {
      const signedPayload =
        (headers['authorization'] !== undefined || url.includes('X-Amz-Signature=')) &&
        headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD';
      if (signedPayload) body = await readBody(req);
      authorized = await authorizeInvoke(
        {
          service,
          method: req.method ?? 'GET',
          path,
          rawQuery: queryAt < 0 ? '' : url.slice(queryAt + 1),
          headers,
          body: body ?? Buffer.alloc(0),
          listenerPort: listener.port,
          listenerProtocol: listener.protocol,
          ...(sourceVpc ? { sourceVpc } : {}),
          ...(serviceNetwork ? { serviceNetwork } : {}),
        },
        { identity: options.identity, clock, policies },
      );
    }

    const rule = selectRule(listener.rules, { method: req.method ?? 'GET', path, headers });
    if (!rule) throw new NoListenerError(service.arn, listener.port);
    if (rule.action.type === 'fixedResponse') {
      req.resume();
      res.writeHead(rule.action.statusCode, { 'content-length': '0' });
      res.end();
      return;
    }
    const target = selectTarget(view, rule.action.targetGroups, random, roundRobin);
    const outgoing = forwardedHeaders(req.headers, {
      clientAddress: req.socket.remoteAddress ?? '127.0.0.1',
      listenerPort: listener.port,
      listenerProtocol: listener.protocol === 'HTTPS' ? 'https' : 'http',
      ...identityHeader(authorized),
      ...networkHeader(service, sourceVpc),
      target: `ServiceArn=${service.arn};ServiceNetworkArn=${(serviceNetwork ?? service.serviceNetworks[0])?.arn ?? ''};TargetGroupArn=${target.group.arn}`,
    });
    const idleTimeoutMs = options.upstreamTimeoutMs ?? service.idleTimeoutSeconds * 1000;
    await forwardRequest(req, body, res, target, outgoing, idleTimeoutMs);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof DataPlaneError) {
        options.logger?.debug(
          { host: req.headers.host, reason: error.reason, status: error.status },
          error.message,
        );
        if (res.headersSent) {
          res.destroy();
          return;
        }
        req.resume();
        const text = error.body();
        res.writeHead(error.status, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
          'x-trellis-data-plane-reason': error.reason,
        });
        res.end(text);
        return;
      }
      options.logger?.error({ err: error, host: req.headers.host }, 'lattice data plane failure');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('InternalFailure: the emulator failed to handle the request');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const healthChecker =
    options.healthChecks === false
      ? undefined
      : new HealthChecker(view, options.healthChecks ?? {});
  healthChecker?.start();
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    ...(healthChecker ? { healthChecker } : {}),
    async stop() {
      healthChecker?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function identityHeader(authorized: Authorized): { identity?: string } {
  const caller = authorized.caller;
  if (!caller) return {};
  const fields = [`Principal=${caller.arn}`];
  if (authorized.principalOrgId) fields.push(`PrincipalOrgID=${authorized.principalOrgId}`);
  if (caller.kind === 'assumed-role')
    fields.push(`SessionName=${caller.arn.slice(caller.arn.lastIndexOf('/') + 1)}`);
  return { identity: fields.join('; ') };
}

function networkHeader(
  service: LatticeServiceView,
  sourceVpc: { id: string; ownerAccountId?: string } | undefined,
): { network?: string } {
  if (!sourceVpc?.ownerAccountId) return {};
  return {
    network: `SourceVpcArn=arn:aws:ec2:${service.region}:${sourceVpc.ownerAccountId}:vpc/${sourceVpc.id}`,
  };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_SIGNED_BODY_BYTES) {
      throw new DataPlaneError(
        'auth-signature',
        413,
        'PayloadTooLarge',
        'Signed payloads above 10 MiB are not supported; sign with x-amz-content-sha256: UNSIGNED-PAYLOAD',
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
