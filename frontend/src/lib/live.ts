import { useSyncExternalStore } from 'react';

/** State of the subscription WebSocket, for the "Live" indicator. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

let status: LiveStatus = 'idle';
const listeners = new Set<() => void>();

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribe, () => status);
}
