import { Alert, Anchor, Badge, Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { MappingConnectionFragment, MappingEditorFieldsFragment } from '../gql/graphql';
import { fieldMessage } from '../lib/connectorForm';
import { emptyMapping, fieldsFromDefinition, mappingInput, sameMapping, type FieldDraft, type MappingDraft } from '../lib/mappingDraft';
import { mappingErrors, NO_MAPPING_ERRORS, withoutMappingErrors, type MappingErrors } from '../lib/mappingErrors';
import { LeaveGuardModal, useLeaveGuard } from './LeaveGuard';
import { MappingEditorContext } from './MappingEditorContext';
import { entitiesFor, MappingEndpoints } from './MappingEndpoints';
import { MappingFieldsTable } from './MappingFieldsTable';
import { MappingPreview } from './MappingPreview';
import { PageHeader } from './PageHeader';
import { EditorSection } from './EditorSection';

graphql(`
  fragment MappingEditorFields on Mapping {
    id
    name
    version
    sourceEntity
    targetEntity
    definition
    sourceConnection {
      id
      name
    }
    targetConnection {
      id
      name
    }
  }
`);

const CreateMappingMutation = graphql(`
  mutation CreateMapping($workspaceId: ID!, $input: MappingInput!) {
    createMapping(workspaceId: $workspaceId, input: $input) {
      ...MappingEditorFields
    }
  }
`);

const UpdateMappingMutation = graphql(`
  mutation UpdateMapping($id: ID!, $input: MappingInput!) {
    updateMapping(id: $id, input: $input) {
      ...MappingEditorFields
    }
  }
`);

/** The Syncs page lists mappings: refetch it after a save. */
const MAPPINGS_CONTEXT = { additionalTypenames: ['Mapping'] };

interface Props {
  workspaceId: string;
  /** The workspace's address. */
  base: string;
  writable: boolean;
  /** The saved mapping; none for a new one. */
  mapping?: MappingEditorFieldsFragment;
  connections: readonly MappingConnectionFragment[];
}

function draftOf(mapping: MappingEditorFieldsFragment): MappingDraft {
  return {
    name: mapping.name,
    sourceConnectionId: mapping.sourceConnection.id,
    sourceEntity: mapping.sourceEntity,
    targetConnectionId: mapping.targetConnection.id,
    targetEntity: mapping.targetEntity,
    fields: fieldsFromDefinition(mapping.definition),
  };
}

function scrollToFirstProblem(form: HTMLElement | null) {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-has-error], [data-form-error]');
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (target.matches('input, textarea')) target.focus({ preventScroll: true });
}

/** A mapping's form: name, source and target, field rows with transforms, a live preview; saving makes a new version. */
export function MappingEditor({ workspaceId, base, writable, mapping, connections }: Props) {
  const navigate = useNavigate();
  const [saved] = useState<MappingDraft>(() => (mapping ? draftOf(mapping) : emptyMapping()));
  const [draft, setDraft] = useState<MappingDraft>(saved);
  const [errors, setErrors] = useState<MappingErrors>(NO_MAPPING_ERRORS);
  const [problemSeq, setProblemSeq] = useState(0);
  const [createState, createMapping] = useMutation(CreateMappingMutation);
  const [updateState, updateMapping] = useMutation(UpdateMappingMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = writable && !sameMapping(draft, saved);
  const { blocker, allowLeaving } = useLeaveGuard(dirty);

  useEffect(() => {
    if (problemSeq > 0) scrollToFirstProblem(formRef.current);
  }, [problemSeq]);

  const clearError = useCallback((path: string) => setErrors((e) => withoutMappingErrors(e, path)), []);
  const source = entitiesFor(
    connections.find((c) => c.id === draft.sourceConnectionId),
    'source',
  ).find((e) => e.name === draft.sourceEntity);
  const target = entitiesFor(
    connections.find((c) => c.id === draft.targetConnectionId),
    'target',
  ).find((e) => e.name === draft.targetEntity);
  const ready = !!draft.sourceConnectionId && !!draft.sourceEntity && !!draft.targetConnectionId && !!draft.targetEntity;

  const context = useMemo(
    () => ({
      errors: errors.byPath,
      clearError,
      readOnly: !writable,
      sourceFields: source?.fields ?? [],
      targetFields: target?.fields ?? [],
    }),
    [errors.byPath, clearError, writable, source, target],
  );

  const change = (part: Partial<MappingDraft>) => setDraft((d) => ({ ...d, ...part }));
  const changeFields = (fields: FieldDraft[], reshaped: boolean) => {
    // Problems name rows and transforms by their place: once those move, the places mean others.
    if (reshaped) clearError('definition.fields');
    change({ fields });
  };
  const showProblems = (error: CombinedError | undefined): MappingErrors => {
    const next = mappingErrors(error, draft.fields);
    setErrors(next);
    setProblemSeq((n) => n + 1);
    return next;
  };
  const takePreviewProblems = (error: CombinedError) => {
    if (error.graphQLErrors[0]?.extensions?.code !== 'VALIDATION_FAILED') return false;
    showProblems(error);
    return true;
  };

  const submit = async () => {
    setErrors(NO_MAPPING_ERRORS);
    const input = mappingInput(draft);
    const result = mapping
      ? await updateMapping({ id: mapping.id, input }, MAPPINGS_CONTEXT)
      : await createMapping({ workspaceId, input }, MAPPINGS_CONTEXT);
    const savedMapping = result.data && ('updateMapping' in result.data ? result.data.updateMapping : result.data.createMapping);
    if (!savedMapping) {
      showProblems(result.error);
      return;
    }
    allowLeaving();
    if (mapping) {
      notifications.show({
        color: 'teal',
        title: `Saved version ${savedMapping.version} of “${savedMapping.name}”`,
        message: 'Next runs use this version; a run in progress keeps the version it started with.',
      });
      void navigate(`${base}/syncs`);
    } else {
      notifications.show({ color: 'teal', message: `“${savedMapping.name}” saved.` });
      void navigate(`${base}/syncs?newMapping=${encodeURIComponent(savedMapping.id)}`);
    }
  };

  return (
    <MappingEditorContext.Provider value={context}>
      <PageHeader
        title={mapping ? saved.name || 'Mapping' : 'New mapping'}
        description={
          mapping ? (
            <Group gap={6} component="span">
              <Badge variant="light" component="span">
                Version {mapping.version}
              </Badge>
              <span>Saving makes version {mapping.version + 1}; the source and target stay as they are.</span>
            </Group>
          ) : (
            'How records of a source entity become records of a target entity.'
          )
        }
      />
      <form
        ref={formRef}
        noValidate
        aria-label="Mapping"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <EditorSection title="Name, source and target">
            <TextInput
              label="Name"
              required
              maxLength={120}
              value={draft.name}
              onChange={(e) => {
                clearError('name');
                change({ name: e.currentTarget.value });
              }}
              error={errors.byPath.name && fieldMessage('Name', errors.byPath.name)}
              data-path="name"
              readOnly={!writable}
              maw={480}
            />
            {!mapping && !connections.some((c) => c.connector.entities.length > 0) && (
              <Alert color="yellow" p="xs" icon={<IconAlertCircle />}>
                No connection of this workspace has records a sync can read or write.{' '}
                <Anchor component={Link} to={`${base}/marketplace`} inherit>
                  Connect a store or a CRM
                </Anchor>{' '}
                first.
              </Alert>
            )}
            <MappingEndpoints connections={connections} value={draft} onChange={change} fixed={!!mapping} />
          </EditorSection>
          <EditorSection
            title="Fields"
            description="One row per target field: its value comes from a source field, a constant or a template over the source’s fields, then goes through the transforms in order."
          >
            <MappingFieldsTable fields={draft.fields} onChange={changeFields} ready={ready} />
          </EditorSection>
          <MappingPreview workspaceId={workspaceId} input={mappingInput(draft)} ready={ready} onProblems={takePreviewProblems} />
        </Stack>
        {writable && (
          <Box
            pos="sticky"
            bottom={0}
            py="sm"
            mt="md"
            bg="var(--mantine-color-body)"
            style={{ borderTop: '1px solid var(--mantine-color-default-border)', zIndex: 2 }}
          >
            {errors.form && (
              <Alert color="red" icon={<IconAlertCircle />} title="The mapping has problems" role="alert" mb="sm" data-form-error>
                {errors.form}
              </Alert>
            )}
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" role="status">
                {dirty ? 'Unsaved changes' : mapping ? 'No changes' : ''}
              </Text>
              <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={createState.fetching || updateState.fetching}>
                Save
              </Button>
            </Group>
          </Box>
        )}
      </form>
      <LeaveGuardModal blocker={blocker} what="this mapping" />
    </MappingEditorContext.Provider>
  );
}
