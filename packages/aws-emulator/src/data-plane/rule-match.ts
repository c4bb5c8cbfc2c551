// Listener rule evaluation as the VPC Lattice user guide ("Listener rules") describes it: rules
// in priority order, lowest value first, the default rule last; a rule applies when every
// condition it has holds. Method matches are exact and case-sensitive; header names are never
// case-sensitive and header values are not unless the match says so; paths match exactly or by
// prefix (no wildcards), case-sensitive unless the match says otherwise (the API leaves the
// path default unstated; ALB paths are case-sensitive, and so is the emulator).
import type { HeaderMatch, HttpMatch, LatticeRuleView } from '../lattice/index.ts';

export interface RoutableRequest {
  method: string;
  /** path without the query string, as received */
  path: string;
  /** lower-cased names; repeated headers joined with ', ' as node:http does */
  headers: Record<string, string | undefined>;
}

/** The first rule whose match holds; the default rule (no match) always holds. */
export function selectRule(
  rules: readonly LatticeRuleView[],
  request: RoutableRequest,
): LatticeRuleView | undefined {
  return rules.find((rule) => rule.isDefault || matches(rule.match, request));
}

export function matches(match: HttpMatch | undefined, request: RoutableRequest): boolean {
  if (match === undefined) return true;
  if (match.method !== undefined && match.method !== request.method) return false;
  if (match.pathMatch !== undefined) {
    const caseSensitive = match.pathMatch.caseSensitive ?? true;
    const path = caseSensitive ? request.path : request.path.toLowerCase();
    const { exact, prefix } = match.pathMatch.match;
    const fold = (s: string): string => (caseSensitive ? s : s.toLowerCase());
    if (exact !== undefined && path !== fold(exact)) return false;
    if (prefix !== undefined && !path.startsWith(fold(prefix))) return false;
  }
  return (match.headerMatches ?? []).every((h) => headerMatches(h, request.headers));
}

function headerMatches(match: HeaderMatch, headers: Record<string, string | undefined>): boolean {
  const raw = headers[match.name.toLowerCase()];
  if (raw === undefined) return false;
  const caseSensitive = match.caseSensitive ?? false;
  const value = caseSensitive ? raw : raw.toLowerCase();
  const fold = (s: string): string => (caseSensitive ? s : s.toLowerCase());
  const { exact, prefix, contains } = match.match;
  if (exact !== undefined) return value === fold(exact);
  if (prefix !== undefined) return value.startsWith(fold(prefix));
  if (contains !== undefined) return value.includes(fold(contains));
  return false;
}
