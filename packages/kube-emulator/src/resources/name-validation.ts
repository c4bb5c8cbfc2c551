// Kubernetes' object name rules, with the messages kubectl users know.
import type { InvalidCause } from '../server/api-error.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export type NameRule = 'label' | 'dns1035' | 'subdomain' | 'path';

export function validateName(name: string, rule: NameRule, field = 'metadata.name'): InvalidCause[] {
  const bad = (detail: string): InvalidCause[] => [
    { type: 'FieldValueInvalid', field, message: `${field}: Invalid value: "${name}": ${detail}` },
  ];
  switch (rule) {
    case 'label':
      if (name.length > 63) return bad('must be no more than 63 characters');
      if (!DNS1123_LABEL.test(name)) {
        return bad(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        );
      }
      return [];
    case 'dns1035':
      if (name.length > 63) return bad('must be no more than 63 characters');
      if (!DNS1035_LABEL.test(name)) {
        return bad(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        );
      }
      return [];
    case 'subdomain':
      if (name.length > 253) return bad('must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(name)) {
        return bad(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
      }
      return [];
    case 'path':
      if (name === '.' || name === '..') return bad(`may not be '${name}'`);
      if (name.includes('/') || name.includes('%')) return bad(`may not contain '/' or '%'`);
      return [];
  }
}
