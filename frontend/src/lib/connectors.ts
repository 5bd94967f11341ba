import type { ConnectionStatus, ConnectorAuthKind, ConnectorCategory } from '../gql/graphql';

/** Marketplace tabs, in the order shown. */
export const CATEGORIES: readonly ConnectorCategory[] = ['STORE', 'CRM', 'CARRIER', 'MESSAGING', 'PAYMENTS', 'ADS', 'OTHER'];

export const CATEGORY_LABELS: Record<ConnectorCategory, string> = {
  STORE: 'Stores',
  CRM: 'CRM',
  CARRIER: 'Carriers',
  MESSAGING: 'Messaging',
  PAYMENTS: 'Payments',
  ADS: 'Ads',
  OTHER: 'Other',
};

/** One item of a category, e.g. for a badge on a card. */
export const CATEGORY_SINGULAR: Record<ConnectorCategory, string> = {
  STORE: 'Store',
  CRM: 'CRM',
  CARRIER: 'Carrier',
  MESSAGING: 'Messaging',
  PAYMENTS: 'Payments',
  ADS: 'Ads',
  OTHER: 'Other',
};

export const AUTH_LABELS: Record<ConnectorAuthKind, string> = {
  OAUTH2: 'OAuth',
  API_KEY: 'API key',
  BASIC: 'User name & password',
  NONE: 'No sign-in',
};

export function isCategory(value: string | null): value is ConnectorCategory {
  return value !== null && (CATEGORIES as readonly string[]).includes(value);
}

export const STATUS_LOOK: Record<ConnectionStatus, { color: string; label: string }> = {
  ACTIVE: { color: 'green', label: 'Active' },
  ERROR: { color: 'red', label: 'Error' },
  NEEDS_REAUTH: { color: 'orange', label: 'Needs reauth' },
  DISABLED: { color: 'gray', label: 'Disabled' },
};

/** "100 requests per 10 s · 2,000 cost points, 100 restored per second · note" */
export function describeBudget(b: {
  requests: number;
  perSeconds: number;
  costPoints: number;
  restorePerSecond: number;
  note: string;
}): string[] {
  const parts: string[] = [];
  const n = new Intl.NumberFormat();
  if (b.requests > 0) {
    const per = b.perSeconds === 1 ? 'second' : `${n.format(b.perSeconds)} seconds`;
    parts.push(`${n.format(b.requests)} requests per ${per}`);
  }
  if (b.costPoints > 0) {
    parts.push(
      `${n.format(b.costPoints)} cost points` +
        (b.restorePerSecond > 0 ? `, ${n.format(b.restorePerSecond)} restored per second` : ''),
    );
  }
  if (b.note) parts.push(b.note.charAt(0).toUpperCase() + b.note.slice(1));
  return parts;
}

/** Where the browser goes next; a seam for tests. */
export const browserLocation = {
  assign(url: string) {
    window.location.href = url;
  },
};
