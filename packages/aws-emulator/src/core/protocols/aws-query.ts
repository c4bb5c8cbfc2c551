// awsQuery (STS): form-encoded requests, XML responses wrapped in <XResponse><XResult>, errors in
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>, which is
// what the SDK's AwsQueryProtocol reads.
import type { AwsError, AwsResponse } from '../contracts.ts';

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An XML fragment from a plain object: strings are escaped, arrays repeat `member` elements. */
export type XmlValue = string | number | boolean | Date | XmlObject | XmlValue[] | undefined;
export interface XmlObject {
  [key: string]: XmlValue;
}

export function toXml(value: XmlObject): string {
  let out = '';
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    out += `<${key}>${xmlContent(child)}</${key}>`;
  }
  return out;
}

function xmlContent(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${xmlContent(item)}</member>`).join('');
  if (typeof value === 'object') return toXml(value);
  return escapeXml(String(value));
}

export function awsQueryResponse(
  action: string,
  xmlns: string,
  result: XmlObject,
  requestId: string,
): AwsResponse {
  const body =
    `<${action}Response xmlns="${xmlns}">` +
    `<${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function awsQueryError(error: AwsError, xmlns: string, requestId: string): AwsResponse {
  const body =
    `<ErrorResponse xmlns="${xmlns}">` +
    `<Error><Type>${error.faultType}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml' }, body };
}

/** Form body → parameters; awsQuery encodes lists as `Name.member.N` and maps as `Name.member.N.Key`. */
export function parseQueryForm(body: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
  return params;
}

/** `Tags.member.1.Key=a&Tags.member.1.Value=b` → [{ Key: 'a', Value: 'b' }] */
export function readMemberList(params: Map<string, string>, name: string): Record<string, string>[] {
  const items = new Map<number, Record<string, string>>();
  const prefix = `${name}.member.`;
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const item = items.get(index) ?? {};
    item[dot < 0 ? '' : rest.slice(dot + 1)] = value;
    items.set(index, item);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}
