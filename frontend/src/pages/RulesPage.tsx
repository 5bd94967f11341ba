import { Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ConfirmModal } from '../components/ConfirmModal';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { RecipeGallery } from '../components/RecipeGallery';
import { RuleList } from '../components/RuleList';
import { StoreTimeZone } from '../components/StoreTimeZone';
import { WorkspaceSection } from '../components/WorkspaceSection';
import { graphql } from '../gql';
import type { RuleRowFragment } from '../gql/graphql';

graphql(`
  fragment RuleRow on Rule {
    id
    name
    enabled
    recipe
    version
    marketing
    updatedAt
    trigger {
      event
      delayMinutes
      connection {
        id
        name
      }
    }
  }
`);

const RulesQuery = graphql(`
  query Rules($workspaceId: ID!) {
    rules(workspaceId: $workspaceId) {
      ...RuleRow
    }
  }
`);

const RuleUpdatedSubscription = graphql(`
  subscription RuleUpdated($workspaceId: ID!) {
    ruleUpdated(workspaceId: $workspaceId) {
      ...RuleRow
    }
  }
`);

const DeleteRuleMutation = graphql(`
  mutation DeleteRule($id: ID!) {
    deleteRule(id: $id)
  }
`);

/** deleteRule answers a Boolean: name the type so the list refetches. */
const RULES_CONTEXT = { additionalTypenames: ['Rule'] };

export function RulesPage() {
  return (
    <WorkspaceSection tab="rules" title="Rules" description="Rules: when something happens in the store, do something." live>
      {({ workspaceId, base, writable }) => (
        <>
          <Group justify="space-between" align="center" mb="sm">
            <Title order={3}>Rules</Title>
            {writable && (
              <Button component={Link} to={`${base}/rules/new`} leftSection={<IconPlus size={16} />}>
                New rule
              </Button>
            )}
          </Group>
          <StoreTimeZone workspaceId={workspaceId} writable={writable} />
          <Rules workspaceId={workspaceId} base={base} writable={writable} />
          <Stack gap={2} mt="xl" mb="sm" id="recipes">
            <Title order={3}>Recipe gallery</Title>
            <Text size="sm" c="dimmed">
              Ready-made rules. Adding one creates it switched off, using this workspace&apos;s connections; review it, then
              switch it on.
            </Text>
          </Stack>
          <RecipeGallery workspaceId={workspaceId} base={base} writable={writable} />
        </>
      )}
    </WorkspaceSection>
  );
}

interface RulesProps {
  workspaceId: string;
  base: string;
  writable: boolean;
}

function Rules({ workspaceId, base, writable }: RulesProps) {
  const [{ data, error }, refetch] = useQuery({
    query: RulesQuery,
    variables: { workspaceId },
    context: RULES_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  // Another session (or the API) created, saved or switched a rule: read the list again.
  const [{ data: changed }] = useSubscription({ query: RuleUpdatedSubscription, variables: { workspaceId } });
  useEffect(() => {
    if (changed) refetch({ requestPolicy: 'network-only' });
  }, [changed, refetch]);
  const [deleting, setDeleting] = useState<RuleRowFragment | null>(null);
  const [deleteState, setDeleteState] = useState<{ busy: boolean; error?: CombinedError }>({ busy: false });
  const [, deleteRule] = useMutation(DeleteRuleMutation);

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteState({ busy: true });
    const result = await deleteRule({ id: deleting.id }, RULES_CONTEXT);
    if (result.error) {
      setDeleteState({ busy: false, error: result.error });
      return;
    }
    setDeleteState({ busy: false });
    notifications.show({ color: 'teal', message: `“${deleting.name}” deleted.` });
    setDeleting(null);
  };

  if (!data) {
    if (error) return <ErrorAlert error={error} />;
    return <Skeleton height={120} radius="md" aria-busy aria-label="Loading rules" />;
  }

  return (
    <>
      {error && <ErrorAlert error={error} />}
      {data.rules.length === 0 ? (
        <EmptyState
          title="No rules yet"
          description="Start from a recipe below — an order confirmation, a shipping notice, an abandoned cart flow — or build a rule from scratch."
          action={
            <Button
              variant="light"
              leftSection={<IconArrowDown size={16} />}
              onClick={() => document.getElementById('recipes')?.scrollIntoView({ behavior: 'smooth' })}
            >
              Browse recipes
            </Button>
          }
        />
      ) : (
        <RuleList
          rules={data.rules}
          base={base}
          writable={writable}
          onDelete={(rule) => {
            setDeleteState({ busy: false });
            setDeleting(rule);
          }}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        message="The rule is removed with all its versions and its runs, including those still waiting. This cannot be undone; to pause a rule, switch it off instead."
        confirmLabel="Delete"
        loading={deleteState.busy}
        error={deleteState.error}
        onConfirm={() => void confirmDelete()}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
