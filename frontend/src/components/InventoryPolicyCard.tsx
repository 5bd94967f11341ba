import { Badge, Button, Group, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { InventoryPolicyFieldsFragment } from '../gql/graphql';
import { channelsText, cronHint } from '../lib/inventory';
import { DateTime } from './DateTime';
import { EditorSection } from './EditorSection';
import { Facts } from './Facts';
import { InventoryPolicyForm } from './InventoryPolicyForm';
import { useWorkspace } from './WorkspaceCrumbs';

interface Props {
  workspaceId: string;
  /** The workspace's address, where stores are connected. */
  base: string;
  writable: boolean;
  policy: InventoryPolicyFieldsFragment;
}

const WHAT_IT_DOES =
  'An order in one store lowers stock in the others within seconds; nightly reconciliation repairs drift.';

/**
 * The inventory policy: when off, what inventory sync does and the form to turn it on;
 * when on, which stores are kept equal and how, with an Edit button.
 */
export function InventoryPolicyCard({ workspaceId, base, writable, policy: queried }: Props) {
  const [editing, setEditing] = useState(false);
  // What setInventoryPolicy answered, shown until the query reloads the policy.
  const [saved, setSaved] = useState<{ over: InventoryPolicyFieldsFragment; policy: InventoryPolicyFieldsFragment }>();
  const policy = saved && saved.over === queried ? saved.policy : queried;
  const { workspace } = useWorkspace(workspaceId);
  const timeZone = workspace?.timeZone ?? 'UTC';

  if (policy.enabled && !editing) {
    return (
      <EditorSection title="Inventory sync" description={WHAT_IT_DOES}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="xs" miw={0}>
            <Badge color="teal" variant="light">
              On
            </Badge>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="inventory-channels">
              {channelsText(policy.channels)}
            </Text>
          </Group>
          {writable && (
            <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
              Edit policy
            </Button>
          )}
        </Group>
        <Facts
          rows={[
            ['Source of truth', policy.sourceOfTruth?.name ?? '—'],
            [
              'Reconciliation',
              <>
                <Text span ff="monospace" size="sm">
                  {policy.reconcileCron}
                </Text>{' '}
                — {cronHint(policy.reconcileCron, timeZone)}
              </>,
            ],
            ['Next reconciliation', policy.nextReconcileAt ? <DateTime value={policy.nextReconcileAt} /> : 'Not scheduled'],
          ]}
        />
      </EditorSection>
    );
  }

  return (
    <EditorSection title="Inventory sync" description={WHAT_IT_DOES}>
      {!policy.enabled && (
        <Group gap="xs">
          <Badge color="gray" variant="light">
            Off
          </Badge>
          <Text size="sm" c="dimmed">
            {writable
              ? 'Choose the stores to keep equal and which one’s stock wins, then save.'
              : 'Someone who can change this workspace can turn it on.'}
          </Text>
        </Group>
      )}
      {writable && (
        <InventoryPolicyForm
          workspaceId={workspaceId}
          base={base}
          policy={policy}
          timeZone={timeZone}
          onSaved={(next) => {
            setSaved({ over: queried, policy: next });
            setEditing(false);
          }}
          onCancel={policy.enabled ? () => setEditing(false) : undefined}
        />
      )}
    </EditorSection>
  );
}
