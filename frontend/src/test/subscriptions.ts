/**
 * A stand-in for graphql-ws in tests: records each subscription and lets the test
 * push events to it. Use in a test file with
 *   vi.mock('graphql-ws', async () => ({ createClient: (await import('../test/subscriptions')).createFakeWsClient }));
 */

interface Sink {
  next: (value: unknown) => void;
  error: (error: unknown) => void;
  complete: () => void;
}

interface Subscription {
  operationName: string;
  variables: Record<string, unknown>;
  sink: Sink;
}

const active = new Set<Subscription>();

export function createFakeWsClient() {
  return {
    subscribe(payload: { query: string; variables?: Record<string, unknown> | null }, sink: Sink) {
      const operationName = /subscription\s+(\w+)/.exec(payload.query)?.[1] ?? '';
      const entry = { operationName, variables: payload.variables ?? {}, sink };
      active.add(entry);
      return () => active.delete(entry);
    },
    iterate() {
      throw new Error('not faked');
    },
    on: () => () => undefined,
    terminate: () => undefined,
    dispose: () => undefined,
  };
}

/** The variables of each open subscription of this operation. */
export function subscribed(operationName: string): Record<string, unknown>[] {
  return [...active].filter((s) => s.operationName === operationName).map((s) => s.variables);
}

/** Sends `data` to every open subscription of this operation. */
export function emit(operationName: string, data: unknown) {
  for (const s of [...active]) if (s.operationName === operationName) s.sink.next({ data });
}

export function resetSubscriptions() {
  active.clear();
}
