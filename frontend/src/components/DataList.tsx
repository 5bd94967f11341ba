import { Box, Card, Group, Stack, Table, Text, useMantineTheme, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

/** True below Mantine's `sm` breakpoint, where lists become stacked cards instead of wide tables. */
export function useCardLayout(): boolean {
  const theme = useMantineTheme();
  // Read synchronously on the first render so wide screens never flash the card layout.
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false });
  return !wide;
}

interface Layout {
  cards: boolean;
  columns: number;
}

const LayoutContext = createContext<Layout>({ cards: false, columns: 1 });

/** How the surrounding DataList renders its items; outside one, always a table. */
export function useDataListLayout(): Layout {
  return useContext(LayoutContext);
}

export interface Column {
  label: string;
  /** Keep the header for screen readers only (e.g. an actions column). */
  hidden?: boolean;
  w?: number;
}

interface Props {
  /** Accessible name of the table or list. */
  label: string;
  columns: Column[];
  /** Below this width the table scrolls sideways (wide screens only). */
  minWidth?: number;
  highlightOnHover?: boolean;
  /** DataListBody elements, usually one per loaded page. */
  children: ReactNode;
}

/**
 * A list that is a table on wide screens and a stack of cards on phones, so that every
 * row action stays on screen without horizontal scrolling.
 */
export function DataList({ label, columns, minWidth, highlightOnHover, children }: Props) {
  const cards = useCardLayout();
  const layout = useMemo(() => ({ cards, columns: columns.length }), [cards, columns.length]);
  return (
    <LayoutContext.Provider value={layout}>
      {cards ? (
        <Stack gap="sm" role="list" aria-label={label}>
          {children}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={minWidth ?? 0}>
          <Table verticalSpacing="sm" highlightOnHover={highlightOnHover} aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.label} w={column.w}>
                    {column.hidden ? <VisuallyHidden>{column.label}</VisuallyHidden> : column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            {children}
          </Table>
        </Table.ScrollContainer>
      )}
    </LayoutContext.Provider>
  );
}

/** Wraps one page of items: a table body, or nothing extra in the card layout. */
export function DataListBody({ children }: { children: ReactNode }) {
  const { cards } = useDataListLayout();
  return cards ? <>{children}</> : <Table.Tbody>{children}</Table.Tbody>;
}

export interface Fact {
  label: string;
  value: ReactNode;
}

interface CardProps {
  /** Accessible name of the card, e.g. the workspace's or member's name. */
  label: string;
  title: ReactNode;
  /** Status and role badges, shown under the title. */
  badges?: ReactNode;
  facts?: Fact[];
  /** A "…" menu or a button, kept at the top right. */
  actions?: ReactNode;
  dimmed?: boolean;
}

/** One item of a DataList in the card layout. */
export function ListCard({ label, title, badges, facts = [], actions, dimmed }: CardProps) {
  return (
    <Card withBorder padding="sm" radius="md" role="listitem" aria-label={label} c={dimmed ? 'dimmed' : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={6} miw={0} style={{ flex: 1 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          {badges && <Group gap={6}>{badges}</Group>}
        </Stack>
        {actions && <Box style={{ flexShrink: 0 }}>{actions}</Box>}
      </Group>
      {facts.length > 0 && (
        <Box
          component="dl"
          mt="xs"
          mb={0}
          style={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: '4px 12px' }}
        >
          {facts.map((fact) => (
            <FactRow key={fact.label} {...fact} />
          ))}
        </Box>
      )}
    </Card>
  );
}

function FactRow({ label, value }: Fact) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </>
  );
}
