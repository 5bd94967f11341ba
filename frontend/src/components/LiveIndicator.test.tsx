import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LiveIndicator } from './LiveIndicator';

describe('LiveIndicator', () => {
  it.each([
    ['connected', 'Live'],
    ['reconnecting', 'Reconnecting…'],
    ['offline', 'Offline'],
  ] as const)('shows %s as “%s”', (status, label) => {
    render(
      <MantineProvider>
        <LiveIndicator status={status} />
      </MantineProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent(label);
  });
});
