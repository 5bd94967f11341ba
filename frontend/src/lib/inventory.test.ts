import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { channelColumns, channelsText, cronHint, keepsStock, levelLook, policyErrors, signed, stockProblem } from './inventory';

const shop = { id: 'c1', name: 'Shopify Demo' };
const woo = { id: 'c2', name: 'WooCommerce Demo' };
const level = (channel: typeof shop, available: number, over: Record<string, unknown> = {}) => ({
  channel,
  available,
  inSync: true,
  error: null as string | null,
  ...over,
});

const invalid = (fields: Record<string, string>) =>
  new CombinedError({ graphQLErrors: [new GraphQLError('invalid input', { extensions: { code: 'VALIDATION_FAILED', fields } })] });

describe('inventory helpers', () => {
  it('keeps stock in Shopify and WooCommerce only', () => {
    expect(keepsStock({ connector: { slug: 'shopify' } })).toBe(true);
    expect(keepsStock({ connector: { slug: 'woocommerce' } })).toBe(true);
    expect(keepsStock({ connector: { slug: 'hubspot' } })).toBe(false);
    expect(channelsText([shop, woo])).toBe('Shopify Demo ⇄ WooCommerce Demo');
  });

  it('reads a daily cron as a time of day in the store’s zone', () => {
    expect(cronHint('0 3 * * *', 'UTC')).toBe("03:00 every night in the store's time zone (UTC).");
    expect(cronHint(' 30 14 * * * ', 'Europe/Paris')).toBe("14:30 every day in the store's time zone (Europe/Paris).");
    expect(cronHint('0 3 * * 1', 'UTC')).toBe("Five cron fields (minute hour day month weekday), read in the store's time zone (UTC).");
    expect(cronHint('99 3 * * *', 'UTC')).toMatch(/^Five cron fields/);
  });

  it('accepts whole stock from 0 to 1,000,000', () => {
    for (const ok of [0, '0', 3, '1000000']) expect(stockProblem(ok)).toBeUndefined();
    for (const bad of [-1, '-1', 1_000_001, '', '  ', 2.5, 'abc']) {
      expect(stockProblem(bad)).toBe('Stock must be a whole number from 0 to 1,000,000.');
    }
  });

  it('signs deltas', () => {
    expect(signed(3)).toBe('+3');
    expect(signed(-2)).toBe('−2');
    expect(signed(0)).toBe('0');
  });

  it('says how a channel’s level stands against the hub’s stock', () => {
    const item = { available: 5 };
    expect(levelLook(item, shop, undefined)).toEqual({ kind: 'missing', hint: 'Not sold in this channel' });
    expect(levelLook(item, shop, level(shop, 5))).toEqual({ kind: 'ok', available: 5 });
    expect(levelLook(item, shop, level(shop, 7, { inSync: false }))).toEqual({
      kind: 'drift',
      available: 7,
      hint: 'Shopify Demo shows 7, updating to 5',
    });
    // Equal numbers that the server has not confirmed are still on their way.
    expect(levelLook(item, shop, level(shop, 5, { inSync: false })).kind).toBe('drift');
    expect(levelLook(item, shop, level(shop, 7, { inSync: false, error: 'Shopify answered 401' }))).toEqual({
      kind: 'error',
      available: 7,
      hint: 'Could not update Shopify Demo: Shopify answered 401',
    });
  });

  it('takes the policy’s channels as columns, else those the levels name', () => {
    const items = [{ levels: [level(woo, 1)] }, { levels: [level(shop, 2), level(woo, 2)] }];
    expect(channelColumns([shop, woo], items)).toEqual([shop, woo]);
    expect(channelColumns([], items)).toEqual([woo, shop]);
  });

  it('places the server’s policy errors, naming the channel an indexed error is about', () => {
    expect(policyErrors(invalid({ reconcileCron: 'is not a cron expression: bad' }), [])).toEqual({
      fields: { reconcileCron: 'Reconcile schedule is not a cron expression: bad' },
      form: undefined,
    });
    expect(
      policyErrors(invalid({ 'channelIds.1': 'is not a connection of this workspace', sourceOfTruthId: 'must be one of the chosen channels' }), [
        'Shopify Demo',
        'Old Woo',
      ]),
    ).toEqual({
      fields: {
        channelIds: 'Old Woo is not a connection of this workspace',
        sourceOfTruthId: 'Source of truth must be one of the chosen channels',
      },
      form: undefined,
    });
    expect(policyErrors(invalid({ 'channelIds.0': 'names the same channel twice' }), ['Shop']).fields.channelIds).toBe(
      'Shop: names the same channel twice',
    );
    expect(policyErrors(invalid({ workspaceId: 'is not a workspace' }), []).form).toBe('is not a workspace');
  });
});
