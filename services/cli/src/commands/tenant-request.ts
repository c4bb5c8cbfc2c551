// The body of POST /v1/tenants, from flags or from a file (-f, YAML or JSON, `-` for stdin) that
// holds the REST body `{name, spec}`.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { UsageError } from '../cli-errors.ts';
import type { CliIo } from '../cli-io.ts';

export interface TenantFlags {
  file?: string;
  account?: string;
  roleArn?: string;
  externalId?: string;
  region?: string;
  authType?: string;
  serviceNetworkName?: string;
  displayName?: string;
}

export interface CreateTenantBody {
  name: string;
  spec: Record<string, unknown>;
}

/** Which flag sets which field, to name the flag next to the server's field errors. */
export const TENANT_FIELD_FLAGS: Record<string, string> = {
  name: 'NAME',
  'spec.displayName': '--display-name',
  'spec.networkAccount.accountId': '--account',
  'spec.networkAccount.roleArn': '--role-arn',
  'spec.networkAccount.externalId': '--external-id',
  'spec.networkAccount.region': '--region',
  'spec.serviceNetwork.authType': '--auth-type',
  'spec.serviceNetwork.name': '--service-network-name',
};

export async function tenantRequest(
  io: CliIo,
  name: string | undefined,
  flags: TenantFlags,
): Promise<CreateTenantBody> {
  if (flags.file !== undefined) {
    const fromFile = await readBodyFile(io, flags.file);
    const body = { ...fromFile, ...(name !== undefined ? { name } : {}) };
    if (typeof body.name !== 'string' || body.name === '') {
      throw new UsageError(`${flags.file}: no name (give NAME or a "name" field)`);
    }
    return { name: body.name, spec: body.spec };
  }
  if (name === undefined) throw new UsageError('a tenant NAME is required (or -f FILE)');
  const missing = [
    ['--account', flags.account],
    ['--role-arn', flags.roleArn],
    ['--region', flags.region],
  ].filter(([, v]) => v === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `missing ${missing.map(([f]) => f).join(', ')} (or give the whole tenant with -f FILE)`,
    );
  }
  const serviceNetwork = {
    ...(flags.serviceNetworkName !== undefined ? { name: flags.serviceNetworkName } : {}),
    ...(flags.authType !== undefined ? { authType: flags.authType } : {}),
  };
  return {
    name,
    spec: {
      ...(flags.displayName !== undefined ? { displayName: flags.displayName } : {}),
      networkAccount: {
        accountId: flags.account,
        roleArn: flags.roleArn,
        ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
        region: flags.region,
      },
      ...(Object.keys(serviceNetwork).length > 0 ? { serviceNetwork } : {}),
    },
  };
}

/** A YAML or JSON mapping from a file or stdin; the server validates what is inside. */
export async function readBodyFile(
  io: CliIo,
  file: string,
): Promise<{ name?: unknown; spec: Record<string, unknown> } & Record<string, unknown>> {
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not YAML or JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file}: expected a mapping with name and spec`);
  }
  const body = parsed as Record<string, unknown>;
  if (typeof body.spec !== 'object' || body.spec === null) throw new UsageError(`${file}: no spec`);
  return body as { spec: Record<string, unknown> } & Record<string, unknown>;
}
