// Service modules by SigV4 signing name. The Lattice and RAM modules plug in here.
import type { AwsProtocol, ServiceModule } from '../core/contracts.ts';

export class DuplicateServiceError extends Error {
  constructor(signingName: string) {
    super(`a service module for '${signingName}' is already registered`);
    this.name = 'DuplicateServiceError';
  }
}

export class ServiceRegistry {
  private readonly modules = new Map<string, ServiceModule>();

  register(module: ServiceModule, options: { replace?: boolean } = {}): void {
    if (this.modules.has(module.signingName) && options.replace !== true) {
      throw new DuplicateServiceError(module.signingName);
    }
    this.modules.set(module.signingName, module);
  }

  get(signingName: string): ServiceModule | undefined {
    return this.modules.get(signingName);
  }

  signingNames(): string[] {
    return [...this.modules.keys()];
  }
}

export function protocolOf(signingName: string, module?: ServiceModule): AwsProtocol {
  return module?.protocol ?? (signingName === 'sts' ? 'awsQuery' : 'restJson1');
}
