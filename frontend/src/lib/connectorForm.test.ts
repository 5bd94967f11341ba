import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  buildValues,
  checkValue,
  checkValues,
  connectErrors,
  fieldMessage,
  initialValues,
  inputFor,
  type FieldSpec,
} from './connectorForm';

function field(over: Partial<FieldSpec> & Pick<FieldSpec, 'name' | 'type'>): FieldSpec {
  return {
    label: over.name,
    required: false,
    help: '',
    pattern: '',
    patternHelp: '',
    options: [],
    default: '',
    min: null,
    max: null,
    maxLength: 0,
    ...over,
  };
}

const shop = field({
  name: 'shop',
  label: 'Shop domain',
  type: 'TEXT',
  required: true,
  pattern: '[a-z0-9][a-z0-9-]*\\.myshopify\\.com',
  patternHelp: 'must be a shop domain like acme.myshopify.com',
});
const port = field({ name: 'port', label: 'Port', type: 'NUMBER', required: true, default: '587', min: 1, max: 65535 });
const tls = field({ name: 'tls', label: 'TLS', type: 'SELECT', options: ['starttls', 'tls'], default: 'starttls' });
const url = field({ name: 'url', label: 'Endpoint URL', type: 'URL', required: true, maxLength: 30 });
const secret = field({ name: 'password', label: 'Password', type: 'SECRET' });
const flag = field({ name: 'sandbox', label: 'Sandbox', type: 'BOOLEAN' });

describe('inputFor', () => {
  it('maps every field type onto its input', () => {
    expect(inputFor(field({ name: 'a', type: 'TEXT' }))).toEqual({ component: 'text', inputType: 'text' });
    expect(inputFor(field({ name: 'a', type: 'HOST' }))).toEqual({ component: 'text', inputType: 'text' });
    expect(inputFor(secret)).toEqual({ component: 'password' });
    expect(inputFor(url)).toEqual({ component: 'text', inputType: 'url' });
    expect(inputFor(field({ name: 'a', type: 'EMAIL' }))).toEqual({ component: 'text', inputType: 'email' });
    expect(inputFor(port)).toEqual({ component: 'number', min: 1, max: 65535 });
    expect(inputFor(field({ name: 'a', type: 'NUMBER' }))).toEqual({ component: 'number', min: undefined, max: undefined });
    expect(inputFor(flag)).toEqual({ component: 'switch' });
    expect(inputFor(tls)).toEqual({ component: 'select', options: ['starttls', 'tls'] });
    expect(inputFor(field({ name: 'a', type: 'MONEY' }))).toMatchObject({ component: 'text', inputMode: 'decimal' });
  });

  it('prefills defaults, and "false" for switches', () => {
    expect(initialValues([shop, port, tls, flag])).toEqual({ shop: '', port: '587', tls: 'starttls', sandbox: 'false' });
  });
});

describe('checkValue', () => {
  it('requires required fields', () => {
    expect(checkValue(shop, '  ')).toBe('Shop domain is required.');
    expect(checkValue(secret, '')).toBeUndefined();
  });

  it('matches the whole value against the pattern and explains it with patternHelp', () => {
    expect(checkValue(shop, 'acme.myshopify.com')).toBeUndefined();
    // Anchored as ^(?:…)$: a match inside the value is not enough.
    expect(checkValue(shop, 'https://acme.myshopify.com')).toBe(
      'Shop domain must be a shop domain like acme.myshopify.com',
    );
    expect(checkValue({ ...shop, patternHelp: '' }, 'nope')).toBe('Shop domain has the wrong format.');
  });

  it('checks URLs, numbers, options and length like the server', () => {
    expect(checkValue(url, 'not a url')).toMatch(/^Endpoint URL must be an http\(s\) URL/);
    expect(checkValue(url, 'ftp://example.com')).toMatch(/http\(s\)/);
    expect(checkValue(url, 'https://example.com/hook')).toBeUndefined();
    expect(checkValue(url, 'https://example.com/a-very-long-path')).toBe('Endpoint URL must be at most 30 characters.');
    expect(checkValue(port, '0')).toBe('Port must be at least 1.');
    expect(checkValue(port, '70000')).toBe('Port must be at most 65535.');
    expect(checkValue(port, 'x')).toBe('Port must be a number.');
    expect(checkValue(tls, 'ssl')).toBe('TLS must be one of starttls, tls.');
  });

  it('ignores a pattern JavaScript cannot read (the server still checks it)', () => {
    expect(checkValue(field({ name: 'a', type: 'TEXT', pattern: '(?P<x>a)' }), 'b')).toBeUndefined();
  });

  it('collects problems by field name', () => {
    expect(checkValues([shop, port, url], { shop: '', port: '587', url: 'x' })).toEqual({
      shop: 'Shop domain is required.',
      url: expect.stringMatching(/^Endpoint URL must be/),
    });
  });
});

describe('buildValues', () => {
  it('sends trimmed non-empty values in the connector order, secrets untouched', () => {
    expect(
      buildValues([shop, port, tls, secret, flag, url], {
        url: ' https://example.com/h ',
        shop: 'acme.myshopify.com',
        port: '2525',
        tls: '',
        password: ' pa ss ',
        sandbox: 'true',
      }),
    ).toEqual([
      { name: 'shop', value: 'acme.myshopify.com' },
      { name: 'port', value: '2525' },
      { name: 'password', value: ' pa ss ' },
      { name: 'sandbox', value: 'true' },
      { name: 'url', value: 'https://example.com/h' },
    ]);
  });
});

function failure(message: string, extensions: Record<string, unknown>) {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

describe('connectErrors', () => {
  it('puts values.<field> messages under their fields', () => {
    const error = failure('url: must be an http(s) URL', {
      code: 'VALIDATION_FAILED',
      fields: { 'values.url': 'must be an http(s) URL like https://example.com/hook', 'values.port': 'is required' },
    });
    expect(connectErrors(error, [url, port])).toEqual({
      values: {
        url: 'Endpoint URL must be an http(s) URL like https://example.com/hook',
        port: 'Port is required',
      },
    });
  });

  it('puts name under the connection name and conflicts there too', () => {
    const error = failure('another connection of this workspace has this name', {
      code: 'CONFLICT',
      fields: { name: 'another connection of this workspace has this name' },
    });
    expect(connectErrors(error, [url])).toEqual({
      values: {},
      name: 'Another connection of this workspace has this name',
    });
  });

  it('sends connector, unknown fields and field-less failures to the alert', () => {
    expect(
      connectErrors(failure('x', { code: 'VALIDATION_FAILED', fields: { connector: 'no connector has this slug' } }), [url]),
    ).toEqual({ values: {}, form: 'No connector has this slug' });
    expect(
      connectErrors(failure('x', { code: 'VALIDATION_FAILED', fields: { 'values.nope': 'is not a field' } }), [url]),
    ).toEqual({ values: {}, form: 'nope: is not a field' });
    expect(connectErrors(failure('Email (SMTP) did not accept the connection', { code: 'VALIDATION_FAILED' }), [url])).toEqual({
      values: {},
      form: 'Email (SMTP) did not accept the connection',
    });
    expect(connectErrors(failure('boom', { code: 'INTERNAL', requestId: 'r1' }), [url])).toEqual({
      values: {},
      form: 'Something went wrong (request id r1).',
    });
    expect(connectErrors(undefined, [url])).toEqual({ values: {} });
  });

  it('reads "must …" as a sentence about the field', () => {
    expect(fieldMessage('Host', 'must be a host name')).toBe('Host must be a host name');
    expect(fieldMessage('Host', 'connection refused')).toBe('Connection refused');
  });
});
