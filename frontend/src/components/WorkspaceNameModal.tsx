import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formErrors } from '../lib/errors';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialName?: string;
  /** Resolves to the error to show, or undefined when done. */
  onSubmit: (name: string) => Promise<CombinedError | undefined>;
  onClose: () => void;
}

/** Create or rename a workspace. Mount it with a `key` per workspace so its state starts fresh. */
export function WorkspaceNameModal({ opened, title, submitLabel, initialName = '', onSubmit, onClose }: Props) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<CombinedError>();
  const [saving, setSaving] = useState(false);
  const errors = formErrors(error, ['name'], 'name');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await onSubmit(name.trim());
    setSaving(false);
    setError(result);
    if (!result) onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            description="Usually the client's store name. 1 to 80 characters."
            required
            maxLength={80}
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name}
          />
          <ErrorAlert message={errors.form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={!name.trim()}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
