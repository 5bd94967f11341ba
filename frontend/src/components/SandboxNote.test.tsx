import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SandboxNote, type SandboxNoteConnector } from './SandboxNote';

function renderNote(connector: SandboxNoteConnector) {
  return render(
    <MantineProvider>
      <SandboxNote connector={connector} />
    </MantineProvider>,
  );
}

const shopify: SandboxNoteConnector = {
  slug: 'shopify',
  name: 'Shopify',
  auth: { kind: 'OAUTH2' },
  sandboxUrl: 'http://localhost:8080/sandbox/shopify/',
};

const smtp: SandboxNoteConnector = {
  slug: 'smtp',
  name: 'Email (SMTP)',
  auth: { kind: 'BASIC' },
  sandboxUrl: 'http://localhost:8080/sandbox/smtp/',
};

describe('SandboxNote', () => {
  it('says where OAuth consent happens in sandbox mode', () => {
    renderNote(shopify);
    const note = screen.getByRole('note', { name: 'Sandbox' });
    expect(note).toHaveTextContent(
      "This hub runs in sandbox mode: you will consent on Shopify's sandbox, not the real Shopify.",
    );
    expect(note.querySelector('a')).toBeNull();
  });

  it('links SMTP to the sandbox mail server, in a new tab', () => {
    renderNote(smtp);
    const note = screen.getByRole('note', { name: 'Sandbox' });
    expect(note).toHaveTextContent(
      "Try it without a mail account: the sandbox mail server's settings and inbox are at localhost:8080/sandbox/smtp/",
    );
    const link = screen.getByRole('link', { name: /localhost:8080\/sandbox\/smtp\// });
    expect(link).toHaveAttribute('href', 'http://localhost:8080/sandbox/smtp/');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', expect.stringContaining('noreferrer'));
    expect(link).toHaveAccessibleName(/opens in a new tab/);
  });

  it('shows nothing when the hub talks to the real provider', () => {
    renderNote({ ...shopify, sandboxUrl: null });
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByText(/sandbox/i)).toBeNull();
    renderNote({ ...smtp, sandboxUrl: undefined });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says a key-based connector is emulated', () => {
    renderNote({ slug: 'easypost', name: 'EasyPost', auth: { kind: 'API_KEY' }, sandboxUrl: 'http://h/sandbox/easypost/' });
    expect(screen.getByRole('note', { name: 'Sandbox' })).toHaveTextContent(
      'This hub runs in sandbox mode: EasyPost is emulated by the hub, not the real EasyPost.',
    );
  });
});
