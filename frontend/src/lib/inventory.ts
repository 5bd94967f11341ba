import type { CombinedError } from '@urql/core';
import type { InventoryAdjustmentCause } from '../gql/graphql';
import { fieldMessage } from './connectorForm';
import { formErrors, type FormErrors } from './errors';

/** Connectors whose connections keep stock and can be inventory channels. */
export const STOCK_CONNECTORS: readonly string[] = ['shopify', 'woocommerce'];

/** What setInventoryAvailable accepts (see inventory.graphqls). */
export const MAX_STOCK = 1_000_000;

/** Items per page of the stock table, and adjustments shown. */
export const ITEMS_PAGE_SIZE = 100;
export const ADJUSTMENTS_SHOWN = 50;

/** The server's default reconcile schedule: 03:00 nightly. */
export const DEFAULT_RECONCILE_CRON = '0 3 * * *';

/** The subscription refreshes the lists at most this often. */
export const LIVE_REFRESH_MS = 1000;

/** Whether a connection can be an inventory channel (its connector keeps stock). */
export function keepsStock(connection: { connector: { slug: string } }): boolean {
  return STOCK_CONNECTORS.includes(connection.connector.slug);
}

/** "Shopify Demo ⇄ WooCommerce Demo". */
export function channelsText(channels: readonly { name: string }[]): string {
  return channels.map((c) => c.name).join(' ⇄ ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A reconcile schedule for people: "03:00 every night in the store's time zone (UTC)" for a
 * daily cron, else what the five fields are.
 */
export function cronHint(cron: string, timeZone: string): string {
  const daily = /^(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*$/.exec(cron.trim());
  if (daily) {
    const minute = Number(daily[1]);
    const hour = Number(daily[2]);
    if (minute < 60 && hour < 24) {
      const when = hour < 6 || hour >= 20 ? 'every night' : 'every day';
      return `${pad(hour)}:${pad(minute)} ${when} in the store's time zone (${timeZone}).`;
    }
  }
  return `Five cron fields (minute hour day month weekday), read in the store's time zone (${timeZone}).`;
}

/** Why a typed stock cannot be set, or undefined when it can. */
export function stockProblem(value: string | number): string | undefined {
  const text = String(value).trim();
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n < 0 || n > MAX_STOCK) {
    return `Stock must be a whole number from 0 to ${MAX_STOCK.toLocaleString('en-US')}.`;
  }
  return undefined;
}

/** "+3", "−2", "0". */
export function signed(n: number): string {
  if (n > 0) return `+${n.toLocaleString()}`;
  if (n < 0) return `−${Math.abs(n).toLocaleString()}`;
  return '0';
}

/** Each cause in its own color. */
export const CAUSE_LOOK: Record<InventoryAdjustmentCause, { color: string; label: string }> = {
  ORDER: { color: 'blue', label: 'Order' },
  REFUND: { color: 'teal', label: 'Refund' },
  STOCK_CHANGE: { color: 'grape', label: 'Stock change' },
  RECONCILIATION: { color: 'cyan', label: 'Reconciliation' },
  MANUAL: { color: 'indigo', label: 'Manual' },
};

const REASONS: Record<string, string> = {
  MANUAL: 'Started by hand',
  SCHEDULE: 'Scheduled',
  POLICY: 'Policy saved',
};

/** Why a reconciliation ran (MANUAL, SCHEDULE or POLICY), for people. */
export function reconciliationReason(reason: string): string {
  return REASONS[reason] ?? reason.charAt(0) + reason.slice(1).toLowerCase();
}

export interface ChannelRef {
  id: string;
  name: string;
}

interface LevelLike {
  channel: ChannelRef;
  available: number;
  inSync: boolean;
  error?: string | null;
}

/** How one channel's cell of a SKU shows. */
export type LevelLook =
  | { kind: 'missing'; hint: string }
  | { kind: 'error'; available: number; hint: string }
  | { kind: 'drift'; available: number; hint: string }
  | { kind: 'ok'; available: number };

/** A channel's level against the hub's stock: not sold there, failing, on its way, or equal. */
export function levelLook(item: { available: number }, channel: ChannelRef, level: LevelLike | undefined): LevelLook {
  if (!level) return { kind: 'missing', hint: 'Not sold in this channel' };
  if (level.error) return { kind: 'error', available: level.available, hint: `Could not update ${channel.name}: ${level.error}` };
  if (!level.inSync || level.available !== item.available) {
    return { kind: 'drift', available: level.available, hint: `${channel.name} shows ${level.available}, updating to ${item.available}` };
  }
  return { kind: 'ok', available: level.available };
}

/**
 * The channels the stock table has a column for: the policy's, in its order; without a
 * policy (never saved), those the items' levels name, as first seen.
 */
export function channelColumns(policyChannels: readonly ChannelRef[], items: readonly { levels: readonly LevelLike[] }[]): ChannelRef[] {
  if (policyChannels.length > 0) return [...policyChannels];
  const seen = new Map<string, ChannelRef>();
  for (const item of items) for (const level of item.levels) if (!seen.has(level.channel.id)) seen.set(level.channel.id, level.channel);
  return [...seen.values()];
}

/** InventoryPolicyInput fields the policy form shows messages under. */
export const POLICY_FIELDS = ['enabled', 'channelIds', 'sourceOfTruthId', 'reconcileCron'] as const;

const POLICY_LABELS: Record<string, string> = {
  enabled: 'Inventory sync',
  channelIds: 'Channels',
  sourceOfTruthId: 'Source of truth',
  reconcileCron: 'Reconcile schedule',
};

/** "Shop is not a connection of this workspace", "Shop: names the same channel twice". */
function channelMessage(name: string, message: string): string {
  const text = fieldMessage(name, message);
  return text.includes(name) ? text : `${name}: ${message.trim()}`;
}

/**
 * Places a setInventoryPolicy error on the form: `channelIds.N` (one channel, in the order
 * sent) goes under the channels, named; the rest under its input or above the button.
 */
export function policyErrors(error: CombinedError | undefined, sentChannels: readonly string[]): FormErrors {
  const indexed = sentChannels.map((_, i) => `channelIds.${i}`);
  const problems = formErrors(error, [...POLICY_FIELDS, ...indexed]);
  const fields: Record<string, string> = {};
  const aboutChannels: string[] = [];
  for (const [name, message] of Object.entries(problems.fields)) {
    const one = /^channelIds\.(\d+)$/.exec(name);
    if (one) aboutChannels.push(channelMessage(sentChannels[Number(one[1])] ?? 'A channel', message));
    else fields[name] = fieldMessage(POLICY_LABELS[name] ?? name, message);
  }
  if (aboutChannels.length > 0) fields.channelIds = [fields.channelIds, ...aboutChannels].filter(Boolean).join(' ');
  return { fields, form: problems.form };
}
