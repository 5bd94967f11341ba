import { Box, Button, Center, Loader, Table } from '@mantine/core';
import { Fragment, useCallback, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useDataListLayout } from './DataList';
import { ErrorAlert } from './ErrorAlert';

export interface PageProps {
  /** Cursor this page starts after; null for the first page. */
  after: string | null;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * Relay "Load more": renders one query component per loaded page, so every page stays
 * live in urql's cache. Give it a `key` that changes with the filters to start over.
 */
export function Pages({ render }: { render: (page: PageProps) => ReactNode }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const onLoadMore = useCallback(
    (cursor: string) => setCursors((cs) => (cs.includes(cursor) ? cs : [...cs, cursor])),
    [],
  );
  return (
    <>
      {cursors.map((after, i) => (
        <Fragment key={after ?? ''}>{render({ after, isLast: i === cursors.length - 1, onLoadMore })}</Fragment>
      ))}
    </>
  );
}

interface StatusRowProps extends PageProps {
  colSpan: number;
  fetching: boolean;
  error?: CombinedError;
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null };
}

/** The row under a page of a table (or list of cards): a loader, an error or the "Load more" button. */
export function PageStatusRow({ colSpan, fetching, error, pageInfo, isLast, onLoadMore }: StatusRowProps) {
  const { cards } = useDataListLayout();
  let content: ReactNode = null;
  if (error) content = <ErrorAlert error={error} />;
  else if (fetching && !pageInfo) content = <Loader size="sm" aria-label="Loading" />;
  else if (isLast && pageInfo?.hasNextPage && pageInfo.endCursor) {
    const cursor = pageInfo.endCursor;
    content = (
      <Button variant="subtle" onClick={() => onLoadMore(cursor)}>
        Load more
      </Button>
    );
  }
  if (!content) return null;
  if (cards) {
    return (
      <Box role="listitem">
        <Center>{content}</Center>
      </Box>
    );
  }
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Center>{content}</Center>
      </Table.Td>
    </Table.Tr>
  );
}

/** A full-width row for an empty first page; stays in view when a narrow screen scrolls the table sideways. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  const { cards } = useDataListLayout();
  if (cards) return <Box role="listitem">{children}</Box>;
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Box pos="sticky" left={0} maw="calc(100vw - 2rem)">
          {children}
        </Box>
      </Table.Td>
    </Table.Tr>
  );
}
