// Adapter to the modules other engineers are writing in parallel (openapi/, table/,
// kubeconfig.ts). They are loaded once at startup; where one does not exist
// yet a minimal stand-in keeps the emulator usable. Remove the stand-ins once all have landed.
import { stringify } from 'yaml';
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { fallbackTable } from './surface-fallbacks.ts';
import { fallbackOpenApiV2, fallbackOpenApiV3Document, fallbackOpenApiV3Paths } from './openapi-fallback.ts';

export interface OpenApiModule {
  openApiV2(types: readonly ResourceType[]): JsonObject;
  openApiV3Paths(types: readonly ResourceType[]): JsonObject;
  openApiV3Document(types: readonly ResourceType[], groupVersionPath: string): JsonObject | undefined;
}

export interface TableModule {
  toTable(
    type: ResourceType,
    objects: JsonObject[],
    opts: { includeObject?: 'None' | 'Metadata' | 'Object'; listMeta?: JsonObject },
  ): JsonObject;
}

export interface KubeconfigModule {
  buildKubeconfig(opts: {
    server: (cluster: string) => string;
    caPem?: string;
    clusters: { name: string; token: string }[];
    currentContext?: string;
  }): string;
}

export interface Surface {
  openapi: OpenApiModule;
  table: TableModule;
  kubeconfig: KubeconfigModule;
}

async function tryImport(relative: string): Promise<Record<string, unknown> | undefined> {
  try {
    // a computed specifier keeps the type checker from requiring files that may not exist yet
    const spec = new URL(relative, import.meta.url).href;
    return (await import(spec)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof Error && /Cannot find module|ERR_MODULE_NOT_FOUND|Failed to load/.test(err.message)) {
      return undefined;
    }
    throw err;
  }
}

function hasFunctions(mod: Record<string, unknown> | undefined, names: string[]): boolean {
  return !!mod && names.every((n) => typeof mod[n] === 'function');
}

let loaded: Promise<Surface> | undefined;

export function loadSurface(): Promise<Surface> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Surface> {
  const [openapi, table, kubeconfig] = await Promise.all([
    tryImport('../openapi/index.ts'),
    tryImport('../table/index.ts'),
    tryImport('../kubeconfig.ts'),
  ]);
  return {
    openapi: hasFunctions(openapi, ['openApiV2', 'openApiV3Paths', 'openApiV3Document'])
      ? (openapi as unknown as OpenApiModule)
      : {
          openApiV2: fallbackOpenApiV2,
          openApiV3Paths: fallbackOpenApiV3Paths,
          openApiV3Document: fallbackOpenApiV3Document,
        },
    table: hasFunctions(table, ['toTable'])
      ? (table as unknown as TableModule)
      : { toTable: fallbackTable },
    kubeconfig: hasFunctions(kubeconfig, ['buildKubeconfig'])
      ? (kubeconfig as unknown as KubeconfigModule)
      : { buildKubeconfig: fallbackKubeconfig },
  };
}

function fallbackKubeconfig(opts: Parameters<KubeconfigModule['buildKubeconfig']>[0]): string {
  const ca = opts.caPem ? Buffer.from(opts.caPem).toString('base64') : undefined;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: opts.clusters.map((c) => ({
      name: c.name,
      cluster: { server: opts.server(c.name), ...(ca ? { 'certificate-authority-data': ca } : {}) },
    })),
    users: opts.clusters.map((c) => ({ name: c.name, user: { token: c.token } })),
    contexts: opts.clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name } })),
    'current-context': opts.currentContext ?? opts.clusters[0]?.name ?? '',
    preferences: {},
  });
}
