import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgencyContext } from '../lib/agency';
import { validationFailed, workspaceHeader } from '../test/automationFixtures';
import { renderPage, stubOperations } from '../test/render';
import { mappingConnections, syncMapping } from '../test/syncFixtures';
import { MappingEditorPage } from './MappingEditorPage';

function renderEditor(mappingId: string) {
  return renderPage(
    <AgencyContext.Provider value={{ agencyId: 'a1', agencyName: 'Northwind', role: 'MEMBER', membershipId: 'm1' }}>
      <MappingEditorPage />
    </AgencyContext.Provider>,
    `/agencies/a1/workspaces/w1/syncs/mappings/${mappingId}`,
    vi.fn(),
    mappingId === 'new'
      ? '/agencies/:agencyId/workspaces/:workspaceId/syncs/mappings/new'
      : '/agencies/:agencyId/workspaces/:workspaceId/syncs/mappings/:mappingId',
  );
}

// Queries by label: role queries are slow on a form this size.
const input = (scope: HTMLElement, label: string | RegExp) => within(scope).getByLabelText(label, { selector: 'input, textarea' });
const row = (n: number) => screen.getByLabelText(`Field ${n}`, { selector: 'tr' });
const fill = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

/** Opens a Mantine Select and picks an option. */
async function choose(user: ReturnType<typeof userEvent.setup>, scope: HTMLElement, label: string | RegExp, option: string) {
  const select = input(scope, label);
  await user.click(select);
  const listbox = await waitFor(() => {
    const found = document.getElementById(select.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error(`no options for ${String(label)}`);
    return found;
  });
  const choice = within(listbox)
    .getAllByText(option)
    .find((el) => el.closest('[role="option"]'));
  if (!choice) throw new Error(`no option ${option}`);
  await user.click(choice);
}

const saved = {
  ...syncMapping,
  id: 'm9',
  name: 'Customers to CRM',
  version: 1,
  definition: { fields: [] },
};

describe('MappingEditorPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds a mapping from the entities’ fields, shows server problems under the row’s input, and saves the exact definition', async () => {
    let saves = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      MappingEditorData: mappingConnections,
      CreateMapping: () =>
        ++saves === 1
          ? validationFailed({
              'definition.fields.1.transforms.0.region': 'is not an ISO 3166-1 country code such as US or FR',
              'definition.fields': 'the target field Phone (phone) is required: map it',
              name: 'another mapping of this workspace has this name',
            })
          : { data: { createMapping: saved } },
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderEditor('new');
    const form = await screen.findByLabelText('Mapping', { selector: 'form' });

    fill(input(form, /^Name/), 'Customers to CRM');
    // Only connections that can read (or write) an entity are offered; a single entity is picked at once.
    await user.click(input(form, /^Source connection/));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Acme Shopify (Shopify)', 'Sales HubSpot (HubSpot)']);
    await user.click(screen.getByRole('option', { name: 'Acme Shopify (Shopify)' }));
    expect(input(form, /^Source entity/)).toHaveValue('customer');
    await choose(user, form, /^Target connection/, 'Sales HubSpot (HubSpot)');
    expect(input(form, /^Target entity/)).toHaveValue('contact');

    // Required target fields, each from the source field of the same name (any case).
    await user.click(screen.getByRole('button', { name: 'Add all required fields' }));
    expect(input(row(1), 'Target field of row 1')).toHaveValue('Email *');
    expect(input(row(1), 'Source field of row 1')).toHaveValue('Email');
    expect(input(row(2), 'Target field of row 2')).toHaveValue('Phone *');
    expect(input(row(2), 'Source field of row 2')).toHaveValue('Phone');
    expect(screen.getByRole('button', { name: 'Add all required fields' })).toBeDisabled();

    // Row 1: lower-cased and trimmed, in that order after a move.
    await choose(user, row(1), 'Add transform to row 1', 'Trim spaces (trim)');
    await choose(user, row(1), 'Add transform to row 1', 'Lower case (lower)');
    await user.click(within(row(1)).getByLabelText('Move transform 2 of row 1 up', { selector: 'button' }));
    // Row 2: a phone number in E.164.
    await choose(user, row(2), 'Add transform to row 2', 'Phone to E.164 (e164)');
    fill(input(row(2), 'Region'), 'XX');
    // Row 3: a template, then a lookup and a fallback.
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    await choose(user, row(3), 'Target field of row 3', 'First name (firstname)');
    await user.click(within(row(3)).getByLabelText('Template'));
    fill(input(row(3), 'Template of row 3'), '{{firstName}}');
    await choose(user, row(3), 'Add transform to row 3', 'Look up (lookup)');
    fill(input(row(3), 'Table'), 'Bob=Robert\n\nBill = William');
    fill(input(row(3), 'Default'), 'Friend');
    await choose(user, row(3), 'Add transform to row 3', 'First non-empty (first_non_empty)');
    await choose(user, row(3), 'Paths', 'Email');

    await user.click(screen.getByText('Save').closest('button')!);

    const region = input(row(2), 'Region');
    await waitFor(() => expect(region).toHaveAttribute('aria-invalid', 'true'));
    expect(region).toHaveAccessibleDescription(/^Region is not an ISO 3166-1 country code such as US or FR/);
    expect(input(row(1), 'Source field of row 1')).not.toHaveAttribute('aria-invalid', 'true');
    expect(input(form, /^Name/)).toHaveAccessibleDescription('Another mapping of this workspace has this name');
    expect(screen.getByRole('alert')).toHaveTextContent('The target field Phone (phone) is required: map it');
    expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/syncs/mappings/new');

    // Fixing the input clears its problem; the second save goes through.
    fill(region, 'us');
    expect(region).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByText('Save').closest('button')!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/syncs'));
    expect(router.state.location.search).toBe('?newMapping=m9');

    const sent = calls.filter((c) => c.operationName === 'CreateMapping');
    expect(sent[1].variables).toEqual({
      workspaceId: 'w1',
      input: {
        name: 'Customers to CRM',
        sourceConnectionId: 'conn-shop',
        sourceEntity: 'customer',
        targetConnectionId: 'conn-crm',
        targetEntity: 'contact',
        definition: {
          fields: [
            { target: 'Email', source: 'email', transforms: [{ kind: 'lower' }, { kind: 'trim' }] },
            { target: 'phone', source: 'phone', transforms: [{ kind: 'e164', region: 'US' }] },
            {
              target: 'firstname',
              template: '{{firstName}}',
              transforms: [
                { kind: 'lookup', table: { Bob: 'Robert', Bill: 'William' }, default: 'Friend' },
                { kind: 'first_non_empty', paths: ['email'] },
              ],
            },
          ],
        },
      },
    });
  }, 30_000);

  it('previews the unsaved mapping: target values per source record, problems in red', async () => {
    let previews = 0;
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      MappingEditorData: mappingConnections,
      PreviewMapping: () =>
        ++previews === 1
          ? {
              data: {
                previewMapping: [
                  {
                    __typename: 'MappingPreviewRow',
                    sourceId: 'gid://shopify/Customer/1',
                    source: { email: 'ADA@example.com', phone: '415 555 0123' },
                    target: { Email: 'ada@example.com', phone: '+14155550123' },
                    errors: null,
                  },
                  {
                    __typename: 'MappingPreviewRow',
                    sourceId: 'gid://shopify/Customer/2',
                    source: { email: 'bob@example.com', phone: 'n/a' },
                    target: { Email: 'bob@example.com' },
                    errors: { phone: '"n/a" is not a phone number' },
                  },
                ],
              },
            }
          : { data: { previewMapping: [] } },
    });
    const user = userEvent.setup({ delay: null });
    renderEditor('new');
    const form = await screen.findByLabelText('Mapping', { selector: 'form' });
    const preview = screen.getByLabelText('Preview', { selector: 'section' });
    expect(within(preview).getByRole('button', { name: 'Preview with 10 records' })).toBeDisabled();

    await choose(user, form, /^Source connection/, 'Acme Shopify (Shopify)');
    await choose(user, form, /^Target connection/, 'Sales HubSpot (HubSpot)');
    await user.click(screen.getByRole('button', { name: 'Add all required fields' }));
    await user.click(within(preview).getByRole('button', { name: 'Preview with 10 records' }));

    const table = await within(preview).findByRole('table', { name: 'Preview records' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Source record', 'Email', 'phone']);
    const [, ok, bad] = within(table).getAllByRole('row');
    expect(ok).toHaveTextContent('ada@example.com');
    expect(ok).toHaveTextContent('+14155550123');
    const cell = within(bad).getByText('"n/a" is not a phone number').closest('td')!;
    expect(cell).toHaveAttribute('data-error');
    expect(within(bad).getByText('bob@example.com')).toBeInTheDocument();
    expect(calls.find((c) => c.operationName === 'PreviewMapping')?.variables).toEqual({
      workspaceId: 'w1',
      limit: 10,
      input: {
        name: '',
        sourceConnectionId: 'conn-shop',
        sourceEntity: 'customer',
        targetConnectionId: 'conn-crm',
        targetEntity: 'contact',
        definition: {
          fields: [
            { target: 'Email', source: 'email', transforms: [] },
            { target: 'phone', source: 'phone', transforms: [] },
          ],
        },
      },
    });

    // A source with no records.
    await user.click(within(preview).getByRole('button', { name: 'Preview with 10 records' }));
    expect(await within(preview).findByText('No source records')).toBeInTheDocument();
  }, 20_000);

  it('edits a saved mapping: its rows come back, source and target stay fixed, saving makes a new version', async () => {
    const mapping = {
      ...syncMapping,
      definition: {
        fields: [
          { target: 'Email', source: 'email', transforms: [{ kind: 'split', separator: ',', index: 0 }] },
          { target: 'phone', constant: '+10000000000' },
        ],
      },
    };
    const calls = stubOperations({
      WorkspaceHeader: workspaceHeader,
      MappingEditorData: mappingConnections,
      MappingEditorMappings: { data: { mappings: [mapping] } },
      UpdateMapping: { data: { updateMapping: { ...mapping, version: 3 } } },
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderEditor('m1');

    expect(await screen.findByText('Version 2')).toBeInTheDocument();
    const form = screen.getByLabelText('Mapping', { selector: 'form' });
    expect(input(form, /^Source connection/)).toBeDisabled();
    expect(input(form, /^Target entity/)).toBeDisabled();
    expect(input(row(1), 'Separator')).toHaveValue(',');
    expect(input(row(2), 'Constant of row 2')).toHaveValue('+10000000000');

    await user.click(within(row(2)).getByLabelText('Remove row 2', { selector: 'button' }));
    await user.click(screen.getByText('Save').closest('button')!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/agencies/a1/workspaces/w1/syncs'));
    expect(calls.find((c) => c.operationName === 'UpdateMapping')?.variables).toEqual({
      id: 'm1',
      input: {
        name: 'Customers to HubSpot',
        sourceConnectionId: 'conn-shop',
        sourceEntity: 'customer',
        targetConnectionId: 'conn-crm',
        targetEntity: 'contact',
        definition: { fields: [{ target: 'Email', source: 'email', transforms: [{ kind: 'split', separator: ',', index: 0 }] }] },
      },
    });
  }, 20_000);
});
