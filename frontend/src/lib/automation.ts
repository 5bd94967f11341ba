import type { RunStatus } from '../gql/graphql';

/** Derived events whose trigger waits: checkout.abandoned in minutes, customer.inactive in days. */
export const DELAY_UNITS: Record<string, { unit: 'minutes' | 'days'; label: string; help: string; default: number }> = {
  'checkout.abandoned': {
    unit: 'minutes',
    label: 'Minutes without an order',
    help: 'The checkout counts as abandoned this long after its last activity.',
    default: 60,
  },
  'customer.inactive': {
    unit: 'days',
    label: 'Days since the last order',
    help: 'The customer counts as inactive this many days after their last order.',
    default: 30,
  },
};

/** What the form shows for a trigger's delayMinutes. */
export function delayToDisplay(event: string, minutes: number | null | undefined): string {
  const unit = DELAY_UNITS[event];
  if (!unit || minutes == null) return '';
  return String(unit.unit === 'days' ? Math.round((minutes / 1440) * 100) / 100 : minutes);
}

/** delayMinutes from what the form shows; undefined when the event takes none or it is empty. */
export function delayFromDisplay(event: string, shown: string): number | undefined {
  const unit = DELAY_UNITS[event];
  if (!unit || shown.trim() === '') return undefined;
  const n = Number(shown);
  if (!Number.isFinite(n)) return undefined;
  return Math.round(unit.unit === 'days' ? n * 1440 : n);
}

const GROUP_NAMES: Record<string, string> = {
  order: 'Orders',
  checkout: 'Checkouts',
  customer: 'Customers',
  shipment: 'Shipments',
  return: 'Returns',
  inventory: 'Inventory',
  message: 'Messages',
};

export interface TriggerEventInfo {
  type: string;
  derived: boolean;
  connectors: { name: string }[];
}

/** Trigger events for a grouped Select: by what they are about, derived ones labelled. */
export function triggerEventOptions(events: readonly TriggerEventInfo[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const e of events) {
    const prefix = e.type.split('.')[0];
    const group = GROUP_NAMES[prefix] ?? prefix.charAt(0).toUpperCase() + prefix.slice(1);
    const source = e.derived ? 'derived by Switchboard' : e.connectors.map((c) => c.name).join(', ');
    const items = groups.get(group) ?? [];
    items.push({ value: e.type, label: source ? `${e.type} — ${source}` : e.type });
    groups.set(group, items);
  }
  return [...groups.entries()].map(([group, items]) => ({ group, items }));
}

/** The variables conditions and templates see. */
export const RULE_VARIABLES = ['event', 'order', 'customer', 'checkout', 'shipment', 'return', 'store', 'discount', 'run', 'now'];

/** HTML bodies get a larger editor, an HTML preview and HTML escaping on the server. */
export function isHtmlInput(name: string): boolean {
  return name === 'html';
}

/** Text message bodies show their length and segments. */
export function isSmsInput(actionName: string, inputName: string): boolean {
  return /sms/i.test(actionName) && inputName !== 'to';
}

export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'EXITED', 'CANCELLED'];

export const RUN_STATUS_LOOK: Record<RunStatus, { color: string; label: string }> = {
  RUNNING: { color: 'blue', label: 'Running' },
  WAITING: { color: 'yellow', label: 'Waiting' },
  SUCCEEDED: { color: 'green', label: 'Succeeded' },
  FAILED: { color: 'red', label: 'Failed' },
  EXITED: { color: 'gray', label: 'Exited' },
  CANCELLED: { color: 'gray', label: 'Cancelled' },
};

/** Run steps report RUNNING, WAITING, SUCCEEDED, FAILED or SKIPPED as text. */
export function stepStatusLook(status: string): { color: string; label: string } {
  if (status in RUN_STATUS_LOOK) return RUN_STATUS_LOOK[status as RunStatus];
  if (status === 'SKIPPED') return { color: 'gray', label: 'Skipped' };
  return { color: 'gray', label: status.charAt(0) + status.slice(1).toLowerCase() };
}

export function isRunActive(status: RunStatus): boolean {
  return status === 'RUNNING' || status === 'WAITING';
}

/** "850 ms", "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** How long a run took, or "—" while it is still going. */
export function runDuration(run: { startedAt: string; finishedAt?: string | null }): string {
  if (!run.finishedAt) return '—';
  return formatDuration(new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime());
}
