// Reading and decoding request bodies (JSON, or YAML where Kubernetes accepts it).
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { decodeKubernetesProtobuf } from '../protobuf/decode.ts';
import { ApiError, badRequest, unsupportedMediaType } from './api-error.ts';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

const MAX_BODY = 3 * 1024 * 1024; // the real server's default limit

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Decode a body as JSON (YAML for application/yaml; the protobuf kinds kubectl sends). */
export function decodeValue(body: Buffer | string, mediaType: string): JsonValue {
  if (mediaType === PROTOBUF) {
    try {
      return decodeKubernetesProtobuf(typeof body === 'string' ? Buffer.from(body) : body);
    } catch (err) {
      throw unsupportedMediaType(
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${(err as Error).message})`,
      );
    }
  }
  if (mediaType.includes('protobuf') || mediaType === 'application/cbor') {
    throw unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    if (mediaType === 'application/yaml' || mediaType === 'application/apply-patch+yaml') {
      return (parseYaml(text) ?? null) as JsonValue;
    }
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw badRequest(`the body of the request could not be decoded: ${(err as Error).message}`);
  }
}

export function decodeObject(body: Buffer | string, mediaType: string): JsonObject {
  const value = decodeValue(body, mediaType);
  if (!isJsonObject(value)) throw badRequest('the body of the request must be a JSON object');
  return value;
}
