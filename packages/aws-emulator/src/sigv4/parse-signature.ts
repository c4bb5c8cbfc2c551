// Extracts the SigV4 parameters of a request, from the Authorization header or from a presigned
// URL's X-Amz-* query parameters.
import { SignatureFailure } from './signature-errors.ts';

export interface SignatureParameters {
  accessKeyId: string;
  /** yyyymmdd of the credential scope */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** the request time, from X-Amz-Date (header or query) */
  requestDate: Date;
  /** the X-Amz-Date text as sent */
  amzDate: string;
  presigned: boolean;
  /** presigned only: X-Amz-Expires in seconds */
  expiresSeconds?: number;
  sessionToken?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function hasSignature(headers: Record<string, string>, query: Map<string, string>): boolean {
  return headers['authorization'] !== undefined || query.has('X-Amz-Signature');
}

export function parseSignature(headers: Record<string, string>, query: Map<string, string>): SignatureParameters {
  const authorization = headers['authorization'];
  if (authorization !== undefined) return parseAuthorizationHeader(authorization, headers);
  if (query.has('X-Amz-Signature')) return parsePresignedQuery(query);
  throw new SignatureFailure('missing', 'Missing Authentication Token');
}

function parseAuthorizationHeader(value: string, headers: Record<string, string>): SignatureParameters {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new SignatureFailure('incomplete', `Unsupported signing algorithm ${algorithm}; only ${ALGORITHM} is accepted.`);
  }
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const missing = [
    credential === undefined ? 'Credential' : undefined,
    signedHeaders === undefined ? 'SignedHeaders' : undefined,
    signature === undefined ? 'Signature' : undefined,
  ].filter((name) => name !== undefined);
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw new SignatureFailure(
      'incomplete',
      `Authorization header requires ${missing.map((name) => `'${name}'`).join(', ')} parameter. Authorization=${value}`,
    );
  }
  const amzDate = headers['x-amz-date'];
  if (amzDate === undefined) {
    throw new SignatureFailure('incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  return {
    ...parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    requestDate: parseAmzDate(amzDate),
    amzDate,
    presigned: false,
    sessionToken: headers['x-amz-security-token'],
  };
}

function parsePresignedQuery(query: Map<string, string>): SignatureParameters {
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm !== ALGORITHM) {
    throw new SignatureFailure('incomplete', `Unsupported signing algorithm ${String(algorithm)}; only ${ALGORITHM} is accepted.`);
  }
  const credential = query.get('X-Amz-Credential');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const amzDate = query.get('X-Amz-Date');
  const expires = query.get('X-Amz-Expires');
  if (credential === undefined || signedHeaders === undefined || amzDate === undefined || expires === undefined) {
    throw new SignatureFailure(
      'incomplete',
      'AWS query-string parameters must include X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-SignedHeaders, X-Amz-Date and X-Amz-Expires.',
    );
  }
  const expiresSeconds = Number(expires);
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > 604800) {
    throw new SignatureFailure('incomplete', `X-Amz-Expires must be between 1 and 604800 seconds, got ${expires}`);
  }
  return {
    ...parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature: query.get('X-Amz-Signature') ?? '',
    requestDate: parseAmzDate(amzDate),
    amzDate,
    presigned: true,
    expiresSeconds,
    sessionToken: query.get('X-Amz-Security-Token'),
  };
}

function parseCredential(credential: string): Pick<SignatureParameters, 'accessKeyId' | 'scopeDate' | 'region' | 'service'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1])) {
    throw new SignatureFailure(
      'incomplete',
      `Credential should be scoped to a valid region, service and terminated by 'aws4_request'. Credential=${credential}`,
    );
  }
  return { accessKeyId: parts[0], scopeDate: parts[1], region: parts[2], service: parts[3] };
}

/** 20240101T120000Z → Date */
export function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw new SignatureFailure('incomplete', `Invalid X-Amz-Date: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
