import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, stubOperations } from '../test/render';
import { TemplatePreview } from './TemplatePreview';

const preview = (over: Record<string, unknown>) => ({
  data: { previewTemplate: { __typename: 'TemplatePreview', rendered: null, error: null, line: null, length: 0, segments: 0, ...over } },
});

function renderPreview(props: { template: string; html?: boolean; sms?: boolean; eventType?: string }) {
  return renderPage(
    <TemplatePreview
      workspaceId="w1"
      eventType={props.eventType ?? 'order.created'}
      template={props.template}
      label="Body"
      html={props.html ?? false}
      sms={props.sms ?? false}
    />,
  );
}

describe('TemplatePreview', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renders HTML in a sandboxed frame', async () => {
    const calls = stubOperations({ PreviewTemplate: preview({ rendered: '<p>Hi Ada</p><script>alert(1)</script>' }) });
    renderPreview({ template: '<p>Hi {{customer.first_name}}</p>', html: true });
    const frame = await screen.findByTitle('Preview of Body');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).toHaveAttribute('srcdoc', '<p>Hi Ada</p><script>alert(1)</script>');
    expect(calls[0].variables).toEqual({
      workspaceId: 'w1',
      eventType: 'order.created',
      template: '<p>Hi {{customer.first_name}}</p>',
      html: true,
    });
  });

  it('shows the error with its line', async () => {
    stubOperations({ PreviewTemplate: preview({ error: '{{ordr}} is not a known variable', line: 2 }) });
    renderPreview({ template: 'Hi\n{{ordr}}' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Line 2: {{ordr}} is not a known variable');
  });

  it('counts the length and segments of a text message', async () => {
    stubOperations({ PreviewTemplate: preview({ rendered: 'x'.repeat(170), length: 170, segments: 2 }) });
    renderPreview({ template: '{{store.name}}…', sms: true });
    expect(await screen.findByText('170 characters · 2 segments of 160')).toBeInTheDocument();
  });

  it('asks for the trigger first', async () => {
    const calls = stubOperations({});
    renderPreview({ template: 'Hi', eventType: '' });
    expect(screen.getByText(/Choose the trigger event first/)).toBeInTheDocument();
    await waitFor(() => expect(calls).toHaveLength(0));
  });
});
