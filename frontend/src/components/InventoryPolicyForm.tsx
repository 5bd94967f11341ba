import { Alert, Anchor, Button, Checkbox, Group, Select, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { InventoryPolicyFieldsFragment } from '../gql/graphql';
import { channelsText, cronHint, DEFAULT_RECONCILE_CRON, keepsStock, policyErrors } from '../lib/inventory';
import { ErrorAlert } from './ErrorAlert';

const InventoryChannelsQuery = graphql(`
  query InventoryChannels($workspaceId: ID!) {
    connections(workspaceId: $workspaceId) {
      id
      name
      status
      connector {
        slug
        name
      }
    }
  }
`);

const SetInventoryPolicyMutation = graphql(`
  mutation SetInventoryPolicy($workspaceId: ID!, $input: InventoryPolicyInput!) {
    setInventoryPolicy(workspaceId: $workspaceId, input: $input) {
      ...InventoryPolicyFields
    }
  }
`);

/** The stock table and adjustments reload with the policy (its channels are their columns). */
const SAVE_CONTEXT = { additionalTypenames: ['InventoryPolicy', 'InventoryItem', 'InventoryAdjustment'] };

interface Draft {
  channelIds: string[];
  sourceOfTruthId: string | null;
  reconcileCron: string;
  enabled: boolean;
}

/** The saved policy as a draft; a policy never saved starts switched on. */
function draftOf(policy: InventoryPolicyFieldsFragment): Draft {
  const never = policy.channels.length === 0;
  return {
    channelIds: policy.channels.map((c) => c.id),
    sourceOfTruthId: policy.sourceOfTruth?.id ?? null,
    reconcileCron: policy.reconcileCron || DEFAULT_RECONCILE_CRON,
    enabled: never || policy.enabled,
  };
}

interface Props {
  workspaceId: string;
  base: string;
  policy: InventoryPolicyFieldsFragment;
  timeZone: string;
  onSaved: (policy: InventoryPolicyFieldsFragment) => void;
  /** Offered when the policy is on (leaving the form shows it again). */
  onCancel?: () => void;
}

/** Which stores keep their stock equal, which one wins, when they are reconciled, and the switch; saved with setInventoryPolicy. */
export function InventoryPolicyForm({ workspaceId, base, policy, timeZone, onSaved, onCancel }: Props) {
  const [{ data, error: loadError }, reload] = useQuery({
    query: InventoryChannelsQuery,
    variables: { workspaceId },
    requestPolicy: 'cache-and-network',
  });
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string[]>([]);
  const [state, save] = useMutation(SetInventoryPolicyMutation);
  const stores = useMemo(() => (data?.connections ?? []).filter(keepsStock), [data]);
  const names = useMemo(() => new Map(stores.map((s) => [s.id, s.name])), [stores]);
  const server = policyErrors(state.error, sent.map((id) => names.get(id) ?? id));
  const errors = { ...server.fields, ...local };

  const change = (part: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...part }));
    setLocal((l) => {
      const next = { ...l };
      for (const key of Object.keys(part)) delete next[key];
      return next;
    });
  };

  const choose = (ids: string[]) => {
    // Channels in the order the workspace lists them (its stock table's columns).
    const channelIds = stores.map((s) => s.id).filter((id) => ids.includes(id));
    const source = draft.sourceOfTruthId && channelIds.includes(draft.sourceOfTruthId) ? draft.sourceOfTruthId : (channelIds[0] ?? null);
    change({ channelIds, sourceOfTruthId: source });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (draft.enabled && draft.channelIds.length < 2) problems.channelIds = 'Choose at least two stores to keep equal.';
    else if (draft.channelIds.length === 0) problems.channelIds = 'Choose the stores to keep equal.';
    if (!draft.sourceOfTruthId || !draft.channelIds.includes(draft.sourceOfTruthId)) {
      problems.sourceOfTruthId = 'Choose which store’s stock wins.';
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setSent(draft.channelIds);
    const result = await save(
      {
        workspaceId,
        input: {
          enabled: draft.enabled,
          channelIds: draft.channelIds,
          sourceOfTruthId: draft.sourceOfTruthId!,
          reconcileCron: draft.reconcileCron.trim() || DEFAULT_RECONCILE_CRON,
        },
      },
      SAVE_CONTEXT,
    );
    const saved = result.data?.setInventoryPolicy;
    if (!saved) return;
    notifications.show({
      color: 'teal',
      title: 'Inventory policy saved',
      message: saved.enabled
        ? `${channelsText(saved.channels)} are kept equal; products are being matched by SKU now.`
        : 'Inventory sync is off: stock is not propagated or reconciled.',
    });
    onSaved(saved);
  };

  if (!data) {
    if (loadError) return <ErrorAlert title="Could not load" error={loadError} onRetry={() => reload({ requestPolicy: 'network-only' })} />;
    return <Skeleton height={160} radius="md" aria-busy aria-label="Loading stores" />;
  }

  if (stores.length < 2) {
    return (
      <Alert color="yellow" icon={<IconBuildingStore />} title="Connect a second store" role="note">
        <Text size="sm">
          Inventory sync keeps two or more stores (Shopify, WooCommerce) equal, and this workspace has{' '}
          {stores.length === 0 ? 'none connected' : `only ${stores[0].name}`}.{' '}
          <Anchor component={Link} to={base} size="sm">
            Connect a second store
          </Anchor>{' '}
          on the workspace page, then come back.
        </Text>
      </Alert>
    );
  }

  const chosen = stores.filter((s) => draft.channelIds.includes(s.id));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Inventory policy">
      <Stack gap="sm" maw={560}>
        <Checkbox.Group
          label="Channels"
          description="The stores whose stock is kept equal. Products are matched by SKU."
          value={draft.channelIds}
          onChange={choose}
          error={errors.channelIds}
          withAsterisk
        >
          <Stack gap={6} mt={6}>
            {stores.map((s) => (
              <Checkbox
                key={s.id}
                value={s.id}
                label={s.name}
                description={channelNote(s)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Select
          label="Source of truth"
          description="Its stock wins when products are first matched and at each reconciliation."
          placeholder={chosen.length ? 'Choose a store' : 'Choose the channels first'}
          data={chosen.map((s) => ({ value: s.id, label: s.name }))}
          value={draft.sourceOfTruthId}
          onChange={(value) => change({ sourceOfTruthId: value })}
          allowDeselect={false}
          disabled={chosen.length === 0}
          error={errors.sourceOfTruthId}
          required
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Reconcile schedule (cron)"
          description={cronHint(draft.reconcileCron || DEFAULT_RECONCILE_CRON, timeZone)}
          placeholder={DEFAULT_RECONCILE_CRON}
          maxLength={120}
          value={draft.reconcileCron}
          onChange={(e) => change({ reconcileCron: e.currentTarget.value })}
          error={errors.reconcileCron}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          autoComplete="off"
          spellCheck={false}
        />
        <Switch
          label="Enabled"
          description="When off, sales are not propagated and reconciliation does not run; the settings are kept."
          checked={draft.enabled}
          onChange={(e) => change({ enabled: e.currentTarget.checked })}
          error={errors.enabled}
        />
        <ErrorAlert message={server.form} title="Could not save" />
        <Group gap="sm">
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={state.fetching}>
            Save policy
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={state.fetching}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** Under a channel's name: its connector when the name does not say it, and whether it needs attention. */
function channelNote(s: { name: string; status: string; connector: { name: string } }): string | undefined {
  const parts = s.name === s.connector.name ? [] : [s.connector.name];
  if (s.status !== 'ACTIVE') parts.push('needs attention');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
