import { ActionIcon, Button, Group, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { InventoryItemRowFragment } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import { stockProblem } from '../lib/inventory';

const SetInventoryAvailableMutation = graphql(`
  mutation SetInventoryAvailable($workspaceId: ID!, $sku: String!, $available: Int!) {
    setInventoryAvailable(workspaceId: $workspaceId, sku: $sku, available: $available) {
      ...InventoryItemRow
    }
  }
`);

/** The adjustments list reloads too (it holds no InventoryItem). */
const SET_CONTEXT = { additionalTypenames: ['InventoryItem', 'InventoryAdjustment'] };

interface Props {
  workspaceId: string;
  item: InventoryItemRowFragment;
}

/** "Set stock": a small number input in the row that sets the SKU's stock, and so every channel's. */
export function InventorySetStock({ workspaceId, item }: Props) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | number>(item.available);
  const [problem, setProblem] = useState<string>();
  const [state, setAvailable] = useMutation(SetInventoryAvailableMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = stockProblem(value);
    setProblem(local);
    if (local) return;
    const available = Number(value);
    const result = await setAvailable({ workspaceId, sku: item.sku, available }, SET_CONTEXT);
    if (result.error) {
      const problems = formErrors(result.error, ['available']);
      setProblem(problems.fields.available ? `Stock ${problems.fields.available}` : problems.form);
      return;
    }
    setOpen(false);
    notifications.show({ color: 'teal', message: `${item.sku}: stock set to ${available.toLocaleString()}; every channel follows.` });
  };

  if (!open) {
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        onClick={() => {
          setValue(item.available);
          setProblem(undefined);
          setOpen(true);
        }}
        aria-label={`Set stock of ${item.sku}`}
      >
        Set stock
      </Button>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Stock of ${item.sku}`}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <NumberInput
          size="xs"
          w={130}
          aria-label={`New stock of ${item.sku}`}
          allowDecimal={false}
          thousandSeparator=","
          value={value}
          onChange={(v) => {
            setValue(v);
            setProblem(undefined);
          }}
          error={problem}
          data-autofocus
          autoFocus
          hideControls
        />
        <ActionIcon type="submit" variant="light" size="md" loading={state.fetching} aria-label={`Save stock of ${item.sku}`}>
          <IconCheck size={16} />
        </ActionIcon>
        <ActionIcon variant="subtle" color="gray" size="md" onClick={() => setOpen(false)} aria-label="Cancel" disabled={state.fetching}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </form>
  );
}
