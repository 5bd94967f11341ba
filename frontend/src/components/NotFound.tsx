import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from './EmptyState';

export function NotFound({ message = 'There is nothing at this address.' }: { message?: string }) {
  return (
    <EmptyState
      title="Not found"
      description={message}
      action={
        <Button component={Link} to="/">
          Go home
        </Button>
      }
    />
  );
}
