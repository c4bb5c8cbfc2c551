// The emulator's own control plane, on the same port under /_emulator/ — a path no AWS service
// uses. Unauthenticated: the emulator listens on 127.0.0.1 only.
//
//   GET    /_emulator/health            {"status":"ok","services":[…]}
//   GET    /_emulator/faults            active fault rules
//   POST   /_emulator/faults            add a rule (JSON FaultRuleInput) → the rule with its id
//   DELETE /_emulator/faults            remove every rule
//   DELETE /_emulator/faults/<id>       remove one rule
//   GET    /_emulator/calls?service=&operation=&accountId=&mutating=true|false&since=<iso>
//   DELETE /_emulator/calls             clear the call log
//   POST   /_emulator/seed              apply a seed fragment (YAML or JSON) on top of the running state
import type { CallFilter, CallLog } from '../call-log/call-log.ts';
import type { AwsResponse } from '../core/contracts.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import { InvalidFaultRuleError } from '../faults/fault-injector.ts';
import type { FaultRuleInput } from '../faults/fault-rules.ts';
import { parse as parseYaml } from 'yaml';
import { SeedValidationError } from '../seed/load-seed.ts';

export const ADMIN_PREFIX = '/_emulator/';

export interface AdminDeps {
  faults: FaultInjector;
  calls: CallLog;
  services: () => string[];
  /** validates and applies a seed (throws SeedValidationError) */
  applySeed: (data: unknown) => void;
}

export function handleAdminRequest(method: string, url: URL, body: Buffer, deps: AdminDeps): AwsResponse {
  const path = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
  if (path === 'health' && method === 'GET') return json(200, { status: 'ok', services: deps.services() });
  if (path === 'faults') {
    if (method === 'GET') return json(200, { faults: deps.faults.list() });
    if (method === 'DELETE') {
      deps.faults.clear();
      return json(200, { faults: [] });
    }
    if (method === 'POST') return addFault(body, deps.faults);
  }
  const faultId = /^faults\/([\w-]+)$/.exec(path)?.[1];
  if (faultId !== undefined && method === 'DELETE') {
    return deps.faults.remove(faultId) ? json(200, { removed: faultId }) : json(404, { message: `no fault ${faultId}` });
  }
  if (path === 'calls') {
    if (method === 'GET') return json(200, { calls: deps.calls.list(callFilter(url.searchParams)) });
    if (method === 'DELETE') {
      deps.calls.clear();
      return json(200, { calls: [] });
    }
  }
  if (path === 'seed' && method === 'POST') return applySeedFragment(body, deps);
  return json(404, { message: `no admin route ${method} ${url.pathname}` });
}

function addFault(body: Buffer, faults: FaultInjector): AwsResponse {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    return json(400, { message: 'body must be a JSON fault rule' });
  }
  if (typeof input !== 'object' || input === null) return json(400, { message: 'body must be a JSON fault rule' });
  try {
    return json(201, faults.add(input as FaultRuleInput));
  } catch (error) {
    if (error instanceof InvalidFaultRuleError) return json(400, { message: error.message });
    throw error;
  }
}

function applySeedFragment(body: Buffer, deps: AdminDeps): AwsResponse {
  let data: unknown;
  try {
    data = parseYaml(body.toString('utf8'));
  } catch (error) {
    return json(400, { message: `seed is not valid YAML/JSON: ${(error as Error).message}` });
  }
  try {
    deps.applySeed(data);
  } catch (error) {
    if (error instanceof SeedValidationError) return json(400, { message: error.message, issues: error.issues });
    throw error;
  }
  return json(200, { applied: true });
}

function callFilter(params: URLSearchParams): CallFilter {
  const filter: CallFilter = {};
  const service = params.get('service');
  const operation = params.get('operation');
  const accountId = params.get('accountId');
  const mutating = params.get('mutating');
  const since = params.get('since');
  if (service !== null) filter.service = service;
  if (operation !== null) filter.operation = operation;
  if (accountId !== null) filter.accountId = accountId;
  if (mutating !== null) filter.mutating = mutating === 'true';
  if (since !== null) filter.since = since;
  return filter;
}

function json(status: number, body: unknown): AwsResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
