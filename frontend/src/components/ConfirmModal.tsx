import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CombinedError } from 'urql';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  loading?: boolean;
  error?: CombinedError;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal({ opened, title, message, confirmLabel, loading, error, onConfirm, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text>{message}</Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
