import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { graphqlFetchOptions } from './csrf';
import { hasCode } from './errors';
import { setLiveStatus } from './live';

export const GRAPHQL_PATH = '/graphql';

/** WebSocket close codes the server uses to refuse a subscription connection. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;

/**
 * Set `skipAuthRedirect: true` in an operation's context when UNAUTHENTICATED is an
 * expected answer (e.g. probing whether someone is signed in on a public page).
 */
export const SKIP_AUTH_REDIRECT = { skipAuthRedirect: true } as const;

export interface ClientOptions {
  /** Called when the server says nobody is signed in. */
  onUnauthenticated: () => void;
}

export interface AppClient {
  client: Client;
  dispose: () => void;
}

function closeCode(errOrCloseEvent: unknown): number | undefined {
  if (errOrCloseEvent && typeof errOrCloseEvent === 'object' && 'code' in errOrCloseEvent) {
    const { code } = errOrCloseEvent as { code: unknown };
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

export function isRefusal(errOrCloseEvent: unknown): boolean {
  const code = closeCode(errOrCloseEvent);
  return code === CLOSE_UNAUTHENTICATED || code === CLOSE_FORBIDDEN;
}

function websocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${GRAPHQL_PATH}`;
}

function createSubscriptionClient({ onUnauthenticated }: ClientOptions): WsClient {
  return createWsClient({
    url: websocketUrl(),
    connectionParams: {},
    retryAttempts: Infinity,
    retryWait: async (retries) => {
      const delay = Math.min(1000 * 2 ** retries, 15_000) + Math.random() * 1000;
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    shouldRetry: (errOrCloseEvent) => !isRefusal(errOrCloseEvent),
    on: {
      connecting: (isRetry) => setLiveStatus(isRetry ? 'reconnecting' : 'connecting'),
      connected: () => setLiveStatus('connected'),
      closed: (event) => {
        const code = closeCode(event);
        if (code === 1000) setLiveStatus('idle');
        else if (isRefusal(event)) setLiveStatus('offline');
        else setLiveStatus('reconnecting');
        if (code === CLOSE_UNAUTHENTICATED) onUnauthenticated();
      },
    },
  });
}

export function createAppClient(options: ClientOptions): AppClient {
  const ws = createSubscriptionClient(options);
  const client = new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false,
    fetchOptions: () => graphqlFetchOptions(),
    exchanges: [
      mapExchange({
        onResult(result) {
          if (
            !result.operation.context.skipAuthRedirect &&
            hasCode(result.error?.graphQLErrors ?? [], 'UNAUTHENTICATED')
          ) {
            options.onUnauthenticated();
          }
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
