// Identifier formats as AWS issues them: unique ids are a 4-letter type prefix plus 16 characters
// of [A-Z2-7] (base32), e.g. AROA… for roles, AIDA… for users, ASIA… for temporary access keys.
import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[bytes[i % bytes.length] % 32];
  return out;
}

/** Stable id derived from a name, so a seeded role keeps its id across restarts. */
export function stableId(prefix: string, seed: string): string {
  return prefix + base32(createHash('sha256').update(seed).digest(), 16);
}

export function randomId(prefix: string): string {
  return prefix + base32(randomBytes(16), 16);
}

/** 40 characters, like an AWS secret access key. */
export function randomSecret(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'x').replace(/\//g, 'y');
}

/** Opaque session token; real ones are long base64 blobs. */
export function randomSessionToken(): string {
  return 'IQoJb3JpZ2luX2VjE' + randomBytes(192).toString('base64');
}

export function randomRequestId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
