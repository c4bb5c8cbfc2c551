import type { MiddlewareStack } from '@smithy/types';
import { Counter, type Registry } from 'prom-client';

const counters = new WeakMap<Registry, Counter<'service' | 'operation' | 'outcome'>>();

function awsCallCounter(registry: Registry): Counter<'service' | 'operation' | 'outcome'> {
  let counter = counters.get(registry);
  if (counter === undefined) {
    counter = new Counter({
      name: 'trellis_aws_calls_total',
      help: 'AWS API calls by service, operation and outcome (ok or the AWS error code).',
      labelNames: ['service', 'operation', 'outcome'],
      registers: [registry],
    });
    counters.set(registry, counter);
  }
  return counter;
}

/** Count every call a client makes (after its own retries) by operation and outcome. */
export function instrumentClient(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any SDK client: its stack is typed per client
  client: { middlewareStack: MiddlewareStack<any, any> },
  service: string,
  registry: Registry | undefined,
): void {
  if (registry === undefined) return;
  const counter = awsCallCounter(registry);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      try {
        const result = await next(args);
        counter.inc({ service, operation, outcome: 'ok' });
        return result;
      } catch (error) {
        counter.inc({ service, operation, outcome: (error as { name?: string }).name ?? 'error' });
        throw error;
      }
    },
    { step: 'initialize', name: 'trellisCallMetrics' },
  );
}
