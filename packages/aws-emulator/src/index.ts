// @trellis/aws-emulator: STS, VPC Lattice, RAM and EKS on one endpoint, on the real wire
// protocols, so the official AWS SDK v3 clients work against it with only `endpoint` set.
import type { Logger } from 'pino';
import { pino } from 'pino';
import { CallLog } from './call-log/call-log.ts';
import { systemClock } from './core/clock.ts';
import type { AccountDirectory, Clock, FaultHooks, ServiceModule } from './core/contracts.ts';
import type { EksClusterInput, KubeBacking } from './eks/eks-cluster-store.ts';
import { EksClusterStore } from './eks/eks-cluster-store.ts';
import { createEksService } from './eks/eks-service.ts';
import type { KubeAccessEntry, KubernetesUser } from './eks/kubernetes-access.ts';
import { kubeAccessEntries, resolveKubernetesUser } from './eks/kubernetes-access.ts';
import { kubeBackingFromKubeconfig } from './eks/kube-backing.ts';
import { EmulatorEksTokenVerifier } from './eks/token-verifier.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { IdentityStore } from './identity/identity-store.ts';
import type { Seed } from './seed/seed-schema.ts';
import { applySeed, readSeedFile, validateSeed } from './seed/load-seed.ts';
import { startHttpServer } from './server/http-server.ts';
import { ServiceRegistry } from './server/service-registry.ts';
import { createStsService } from './sts/sts-service.ts';
import type { LatticeDataPlaneView, LatticeQuotas, LatticeService } from './lattice/index.ts';
import { createLatticeService, DEFAULT_DELAYS_MS } from './lattice/index.ts';
import type { RamService } from './ram/index.ts';
import { createRamService } from './ram/index.ts';
import { startLatticeDataPlane } from './data-plane/index.ts';
import type { HealthCheckOptions, LatticeDataPlane } from './data-plane/index.ts';

export * from './core/contracts.ts';
export { AdjustableClock, systemClock } from './core/clock.ts';
export { jsonResponse, restJsonError, epochSeconds } from './core/protocols/rest-json.ts';
export type { CallRecord, CallFilter, CallListener } from './call-log/call-log.ts';
export { CallLog } from './call-log/call-log.ts';
export type { FaultRule, FaultRuleInput, FaultMatch, FaultKind } from './faults/fault-rules.ts';
export { FaultInjector, InvalidFaultRuleError } from './faults/fault-injector.ts';
export { IdentityStore, IdentityConfigError } from './identity/identity-store.ts';
export type { Role, User, Vpc, Organization, RoleInput, UserInput, AccessKeyInput } from './identity/identity-store.ts';
export type { Seed } from './seed/seed-schema.ts';
export { SeedSchema } from './seed/seed-schema.ts';
export { SeedValidationError, validateSeed, readSeedFile } from './seed/load-seed.ts';
export type { EksTokenVerifier, VerifiedEksIdentity } from './eks/token-verifier.ts';
export { EmulatorEksTokenVerifier, EksTokenError } from './eks/token-verifier.ts';
export type { EksCluster, EksClusterInput, KubeBacking, AccessEntry } from './eks/eks-cluster-store.ts';
export { EksClusterStore } from './eks/eks-cluster-store.ts';
export type { KubernetesUser, KubeAccessEntry } from './eks/kubernetes-access.ts';
export { canonicalPrincipal } from './eks/kubernetes-access.ts';
export { DuplicateServiceError } from './server/service-registry.ts';
export type { LatticeDataPlaneView, LatticeService, LatticeQuotas } from './lattice/index.ts';
export { DEFAULT_DELAYS_MS, DEFAULT_QUOTAS } from './lattice/index.ts';
export type { RamService } from './ram/index.ts';
export * from './data-plane/index.ts';

export interface AwsEmulatorOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** a Seed object or the path of a YAML/JSON seed file */
  seed?: Seed | string;
  /**
   * LocalStack convention (12-digit access key ids are roots with secret `test`, any vpc- id is
   * the caller's). Default: true without a seed, the seed's `implicitAccounts` (false) with one.
   */
  implicitAccounts?: boolean;
  /** backing kube-emulator: { baseUrl, caPem, clusters? } or a kubeconfig path */
  kube?: KubeBacking | { kubeconfig: string };
  clock?: Clock;
  /** pino level; default 'silent' */
  logLevel?: string;
  logger?: Logger;
  /** extra service modules; one with the signing name of a built-in replaces it */
  services?: ServiceModule[];
  lattice?: {
    quotas?: Partial<LatticeQuotas>;
    /**
     * ListTargets status of a health-checked target nothing has reported on yet: 'INITIAL'
     * (default, AWS's) until the data plane's health checker probes it; 'HEALTHY' for setups that
     * run no health checks (no data plane, or `dataPlane.healthChecks: false`).
     */
    initialTargetHealth?: 'INITIAL' | 'HEALTHY';
    /**
     * How long asynchronous transitions take, per operation (ms), over DEFAULT_DELAYS_MS, e.g.
     * `{ CreateServiceNetworkVpcAssociation: 0 }`. Consistency fault rules still take precedence.
     */
    consistencyDelaysMs?: Record<string, number>;
  };
  /**
   * Start the Lattice data plane (HTTP proxy) next to the API endpoint, on the same host.
   * `healthChecks: false` turns active health checks off; default: real intervals.
   */
  dataPlane?: { port?: number; healthChecks?: false | HealthCheckOptions };
}

export interface AwsEmulator {
  /** http://127.0.0.1:<port> — set it as `endpoint` on every SDK client */
  endpoint: string;
  port: number;
  /** inject throttling, 5xx, latency, eventual consistency */
  faults: FaultInjector;
  /** every request answered */
  calls: CallLog;
  /** accounts, users, roles, keys, VPCs, organisations — mutable at runtime */
  identity: IdentityStore;
  /** the AccountDirectory service modules consult */
  accounts: AccountDirectory;
  clock: Clock;
  eks: {
    clusters: EksClusterStore;
    addCluster(input: EksClusterInput): void;
    /** verified identity → Kubernetes user/groups from the cluster's access entries */
    resolveUser(
      clusterName: string,
      identity: { arn: string; accountId: string; sessionName?: string; accessKeyId?: string },
    ): KubernetesUser | undefined;
    accessEntries(clusterName: string): KubeAccessEntry[];
    /**
     * Called with the kube-emulator cluster name and its entries whenever a cluster's access
     * entries change (CreateAccessEntry, addCluster); wire it to the kube-emulator's
     * setAccessEntries. Returns an unsubscribe function.
     */
    onAccessEntriesChanged(listener: (kubeCluster: string, entries: KubeAccessEntry[]) => void): () => void;
  };
  /** VPC Lattice module: dataPlane is what the Lattice data-plane proxy reads */
  lattice: { service: LatticeService; dataPlane: LatticeDataPlaneView };
  /** RAM module (also the ShareVisibility Lattice consults) */
  ram: RamService;
  /** the Lattice data plane, when started with `dataPlane` */
  proxy?: LatticeDataPlane;
  /** the kube-emulator's EksTokenVerifier */
  eksTokenVerifier: EmulatorEksTokenVerifier;
  /** validate and apply a seed fragment (same schema) to the running emulator */
  applySeed(seed: unknown): void;
  /** plug a service module in (Lattice, RAM, …) */
  registerService(module: ServiceModule, options?: { replace?: boolean }): void;
  stop(): Promise<void>;
}

/** What a service module factory (createLatticeService, createRamService) receives. */
export interface ServiceModuleDeps {
  accounts: AccountDirectory;
  clock: Clock;
  faults: FaultHooks;
}

export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: options.logLevel ?? 'silent', name: 'aws-emulator' });
  const seed = await loadSeed(options.seed);
  const identity = new IdentityStore({ implicit: options.implicitAccounts ?? seed?.implicitAccounts ?? seed === undefined });
  const kube = options.kube && 'kubeconfig' in options.kube ? await kubeBackingFromKubeconfig(options.kube.kubeconfig) : options.kube;
  const clusters = new EksClusterStore({ clock, kube });
  if (seed) applySeed(seed, identity, clusters, typeof options.seed === 'string' ? options.seed : '(inline)');

  const faults = new FaultInjector();
  const calls = new CallLog();
  const registry = new ServiceRegistry();
  registry.register(createStsService({ identity, clock }));
  registry.register(createEksService({ clusters }));
  // Lattice honours RAM shares and RAM shares Lattice resources: each gets a lazy view of the other.
  const peers: { ram?: RamService } = {};
  const latticeDelaysMs: Record<string, number> = { ...DEFAULT_DELAYS_MS, ...options.lattice?.consistencyDelaysMs };
  const lattice = createLatticeService({
    accounts: identity,
    clock,
    shares: { isSharedWith: (arn, accountId) => peers.ram?.isSharedWith(arn, accountId) ?? false },
    // fault rules may target one account: the modules pass the caller's
    consistencyDelayMs: (operation, accountId) =>
      faults.consistencyOverrideMs('vpc-lattice', operation, accountId) ?? latticeDelaysMs[operation] ?? 0,
    quotas: options.lattice?.quotas,
    initialTargetHealth: options.lattice?.initialTargetHealth,
  });
  const ram = createRamService({
    accounts: identity,
    clock,
    resolver: lattice,
    consistencyDelayMs: (operation, accountId) => faults.consistencyOverrideMs('ram', operation, accountId) ?? 0,
  });
  peers.ram = ram;
  registry.register(lattice);
  registry.register(ram);
  for (const module of options.services ?? []) registry.register(module, { replace: true });

  const server = await startHttpServer(
    { port: options.port ?? 0, host: options.host },
    {
      identity,
      clock,
      registry,
      faults,
      calls,
      logger,
      admin: {
        faults,
        calls,
        services: () => registry.signingNames(),
        applySeed: (data) => applySeed(validateSeed(data, '(admin)'), identity, clusters, '(admin)'),
      },
    },
  );
  logger.info({ endpoint: server.endpoint }, 'aws-emulator listening');
  const eksTokenVerifier = new EmulatorEksTokenVerifier({ identity, clock, clusters });
  let proxy: LatticeDataPlane | undefined;
  try {
    proxy =
      options.dataPlane &&
      (await startLatticeDataPlane({ ...options.dataPlane, view: lattice.dataPlane, identity, clock, host: options.host, logger }));
  } catch (error) {
    // e.g. the data-plane port is taken: do not leave the API endpoint listening
    await server.close();
    throw error;
  }
  if (proxy) logger.info({ url: proxy.url }, 'lattice data plane listening');
  return {
    endpoint: server.endpoint,
    port: server.port,
    faults,
    calls,
    identity,
    accounts: identity,
    clock,
    eks: {
      clusters,
      addCluster: (input) => void clusters.add(input),
      resolveUser: (clusterName, who) => resolveKubernetesUser(clusters, clusterName, who),
      accessEntries: (clusterName) => kubeAccessEntries(clusters, clusterName),
      onAccessEntriesChanged: (listener) =>
        clusters.onAccessEntriesChanged((cluster, entries) =>
          listener(
            cluster.kubeCluster,
            entries.map((e) => ({ principalArn: e.principalArn, username: e.username, groups: [...e.kubernetesGroups] })),
          ),
        ),
    },
    lattice: { service: lattice, dataPlane: lattice.dataPlane },
    ram,
    ...(proxy ? { proxy } : {}),
    eksTokenVerifier,
    applySeed: (data) => applySeed(validateSeed(data), identity, clusters),
    registerService: (module, registerOptions) => registry.register(module, registerOptions),
    stop: async () => {
      await proxy?.stop();
      await server.close();
    },
  };
}

async function loadSeed(seed: Seed | string | undefined): Promise<Seed | undefined> {
  if (seed === undefined) return undefined;
  if (typeof seed === 'string') return readSeedFile(seed);
  return validateSeed(seed);
}
