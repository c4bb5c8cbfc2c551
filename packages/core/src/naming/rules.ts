// Name rules Trellis must satisfy at once: Kubernetes (DNS-1123 labels) and VPC Lattice
// (lowercase alphanumerics and single hyphens, per-resource lengths and reserved prefixes).

/** A problem with a name, phrased for a person; `field` is filled in by the caller. */
export interface NameProblem {
  message: string;
}

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** DNS-1123 label: what namespaces, Services and most Kubernetes names must be. */
export function checkDnsLabel(value: string, maxLength = 63): NameProblem[] {
  const problems: NameProblem[] = [];
  if (value.length === 0) problems.push({ message: 'must not be empty' });
  if (value.length > maxLength) {
    problems.push({
      message: `must be no more than ${maxLength} characters (got ${value.length})`,
    });
  }
  if (value.length > 0 && !LABEL.test(value)) {
    problems.push({
      message:
        'must consist of lowercase alphanumeric characters or "-", and start and end with an alphanumeric character',
    });
  }
  return problems;
}

/** Lattice names: [a-z0-9-], no leading/trailing or double hyphen, length bounds, reserved prefix. */
export function checkLatticeName(
  value: string,
  bounds: { min: number; max: number; reservedPrefix?: string },
): NameProblem[] {
  const problems: NameProblem[] = [];
  if (value.length < bounds.min || value.length > bounds.max) {
    problems.push({
      message: `must be ${bounds.min}-${bounds.max} characters long (got ${value.length})`,
    });
  }
  if (!/^[a-z0-9-]*$/.test(value)) {
    problems.push({ message: 'may contain only lowercase letters, digits and hyphens' });
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    problems.push({ message: 'must not start or end with a hyphen' });
  }
  if (value.includes('--')) problems.push({ message: 'must not contain two hyphens in a row' });
  if (bounds.reservedPrefix !== undefined && value.startsWith(bounds.reservedPrefix)) {
    problems.push({
      message: `must not start with the reserved prefix "${bounds.reservedPrefix}"`,
    });
  }
  return problems;
}

/** Length bounds and reserved prefixes of the Lattice names Trellis creates. */
export const LATTICE_NAME_BOUNDS = {
  serviceNetwork: { min: 3, max: 63, reservedPrefix: 'sn-' },
  service: { min: 3, max: 40, reservedPrefix: 'svc-' },
  targetGroup: { min: 3, max: 128, reservedPrefix: 'tg-' },
  listener: { min: 3, max: 63, reservedPrefix: 'listener-' },
  rule: { min: 3, max: 63, reservedPrefix: 'rule-' },
} as const;
