// EKS control plane (restJson1) for the calling account and region: DescribeCluster,
// ListClusters, and the access-entry operations Trellis uses to inspect and grant access.
import type { AwsRequest, AwsResponse, ServiceModule } from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';
import { epochSeconds, jsonResponse } from '../core/protocols/rest-json.ts';
import type { AccessEntry, EksCluster, EksClusterStore } from './eks-cluster-store.ts';

const ACCESS_ENTRY_TYPES = ['STANDARD', 'FARGATE_LINUX', 'EC2_LINUX', 'EC2_WINDOWS', 'EC2', 'HYBRID_LINUX', 'HYPERPOD_LINUX'];
const RESERVED_PREFIXES = ['system:', 'amazon:', 'aws:', 'eks:', 'iam:'];

export function createEksService(deps: { clusters: EksClusterStore }): ServiceModule {
  return {
    signingName: 'eks',
    protocol: 'restJson1',
    handle: (request) => Promise.resolve(route(request, deps.clusters)),
  };
}

function route(request: AwsRequest, store: EksClusterStore): AwsResponse {
  const segments = request.path.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const method = request.method;
  if (segments[0] === 'clusters') {
    if (segments.length === 1 && method === 'GET') return listClusters(request, store);
    if (segments.length === 2 && method === 'GET') return describeCluster(request, store, segments[1]);
    if (segments.length === 3 && segments[2] === 'access-entries') {
      if (method === 'GET') return listAccessEntries(request, store, segments[1]);
      if (method === 'POST') return createAccessEntry(request, store, segments[1]);
    }
    if (segments.length === 4 && segments[2] === 'access-entries' && method === 'GET') {
      return describeAccessEntry(request, store, segments[1], segments[3]);
    }
  }
  throw new AwsError('UnknownOperationException', `The emulator does not serve ${method} ${request.path} for EKS.`, 404);
}

function listClusters(request: AwsRequest, store: EksClusterStore): AwsResponse {
  request.setOperation?.('ListClusters', { mutating: false });
  const names = store.list(request.caller.accountId, request.region).map((c) => c.name);
  const page = paginate(names, request.query.get('maxResults'), request.query.get('nextToken'));
  return jsonResponse(200, { clusters: page.items, nextToken: page.nextToken });
}

function describeCluster(request: AwsRequest, store: EksClusterStore, name: string): AwsResponse {
  request.setOperation?.('DescribeCluster', { mutating: false });
  const cluster = requireCluster(request, store, name);
  return jsonResponse(200, { cluster: clusterShape(cluster, store) });
}

function listAccessEntries(request: AwsRequest, store: EksClusterStore, name: string): AwsResponse {
  request.setOperation?.('ListAccessEntries', { mutating: false });
  const cluster = requireCluster(request, store, name);
  const arns = [...cluster.accessEntries.keys()].sort();
  const page = paginate(arns, request.query.get('maxResults'), request.query.get('nextToken'));
  return jsonResponse(200, { accessEntries: page.items, nextToken: page.nextToken });
}

function describeAccessEntry(request: AwsRequest, store: EksClusterStore, name: string, principalArn: string): AwsResponse {
  request.setOperation?.('DescribeAccessEntry', { mutating: false });
  const cluster = requireCluster(request, store, name);
  const entry = cluster.accessEntries.get(principalArn);
  if (!entry) {
    throw new AwsError(
      'ResourceNotFoundException',
      "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.",
      404,
      { clusterName: name },
    );
  }
  return jsonResponse(200, { accessEntry: accessEntryShape(entry) });
}

function createAccessEntry(request: AwsRequest, store: EksClusterStore, name: string): AwsResponse {
  request.setOperation?.('CreateAccessEntry', { mutating: true });
  const cluster = requireCluster(request, store, name);
  const body = parseBody(request);
  const principalArn = body.principalArn;
  if (typeof principalArn !== 'string' || !/^arn:aws:iam::\d{12}:(role|user)\/.+$/.test(principalArn)) {
    throw invalidParameter(`The principalArn parameter format is not valid`, name);
  }
  const type = body.type === undefined ? 'STANDARD' : body.type;
  if (typeof type !== 'string' || !ACCESS_ENTRY_TYPES.includes(type)) {
    throw invalidParameter(`The type ${JSON.stringify(type)} is not valid. Valid types: ${ACCESS_ENTRY_TYPES.join(', ')}`, name);
  }
  const username = body.username;
  if (username !== undefined && (typeof username !== 'string' || RESERVED_PREFIXES.some((p) => username.startsWith(p)))) {
    throw invalidParameter(`username must not start with ${RESERVED_PREFIXES.join(', ')}`, name);
  }
  const groups = body.kubernetesGroups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || g.startsWith('system:'))) {
    throw invalidParameter('kubernetesGroups must be strings and must not start with system:', name);
  }
  if (cluster.accessEntries.has(principalArn)) {
    throw new AwsError('ResourceInUseException', 'The specified access entry resource is already in use on this cluster.', 409, {
      clusterName: name,
    });
  }
  const entry = store.addAccessEntry(cluster, {
    principalArn,
    username,
    kubernetesGroups: groups as string[],
    type,
    tags: isStringRecord(body.tags) ? body.tags : {},
  });
  return jsonResponse(200, { accessEntry: accessEntryShape(entry) });
}

function requireCluster(request: AwsRequest, store: EksClusterStore, name: string): EksCluster {
  const cluster = store.get(request.caller.accountId, request.region, name);
  if (!cluster) {
    throw new AwsError('ResourceNotFoundException', `No cluster found for name: ${name}.`, 404, { clusterName: name });
  }
  return cluster;
}

function clusterShape(cluster: EksCluster, store: EksClusterStore): Record<string, unknown> {
  const caData = store.caDataOf();
  return {
    name: cluster.name,
    arn: cluster.arn,
    createdAt: epochSeconds(cluster.createdAt),
    version: cluster.version,
    endpoint: store.endpointOf(cluster),
    resourcesVpcConfig: {
      subnetIds: cluster.subnetIds,
      securityGroupIds: cluster.securityGroupIds,
      vpcId: cluster.vpcId,
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
    status: 'ACTIVE',
    certificateAuthority: caData === undefined ? {} : { data: caData },
    platformVersion: cluster.platformVersion,
    tags: cluster.tags,
    accessConfig: { authenticationMode: 'API' },
  };
}

function accessEntryShape(entry: AccessEntry): Record<string, unknown> {
  return {
    clusterName: entry.clusterName,
    principalArn: entry.principalArn,
    kubernetesGroups: entry.kubernetesGroups,
    accessEntryArn: entry.accessEntryArn,
    createdAt: epochSeconds(entry.createdAt),
    modifiedAt: epochSeconds(entry.modifiedAt),
    tags: entry.tags,
    username: entry.username,
    type: entry.type,
  };
}

/** Opaque tokens: base64url of the last item returned. */
function paginate(items: string[], maxResultsText: string | null, nextToken: string | null): { items: string[]; nextToken?: string } {
  const maxResults = maxResultsText === null ? 100 : Number(maxResultsText);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    throw new AwsError('InvalidParameterException', 'maxResults must be between 1 and 100.', 400);
  }
  let start = 0;
  if (nextToken !== null) {
    const after = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (after === '' || Buffer.from(after, 'utf8').toString('base64url') !== nextToken) {
      throw new AwsError('InvalidParameterException', 'The nextToken provided is not valid.', 400);
    }
    start = items.findIndex((item) => item > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + maxResults);
  const more = start + maxResults < items.length;
  return { items: page, nextToken: more ? Buffer.from(page[page.length - 1], 'utf8').toString('base64url') : undefined };
}

function parseBody(request: AwsRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AwsError('BadRequestException', 'The request body is not valid JSON.', 400);
}

function invalidParameter(message: string, clusterName: string): AwsError {
  return new AwsError('InvalidParameterException', message, 400, { clusterName });
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}
