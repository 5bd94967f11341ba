import { Alert, Badge, Box, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy, IconFlask } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { RuleEditorFieldsFragment, RuleTestResultFieldsFragment } from '../gql/graphql';
import { DELAY_UNITS } from '../lib/automation';
import { fieldMessage } from '../lib/connectorForm';
import { draftFromRule, emptyDraft, ruleInput, sameRule, type RuleDraft } from '../lib/ruleDraft';
import { errorTargets, NO_ERRORS, ruleErrors, withoutErrors, type RuleErrors } from '../lib/ruleErrors';
import { stepsShape, type StepDraft } from '../lib/ruleSteps';
import { ExpressionInput } from './ExpressionInput';
import { LeaveGuardModal, useLeaveGuard } from './LeaveGuard';
import { PageHeader } from './PageHeader';
import { RuleBacktest } from './RuleBacktest';
import { RuleEditorContext, type EditorConnection, type EditorConnector } from './RuleEditorContext';
import { RuleTestResult } from './RuleTestResult';
import { StepsEditor } from './StepsEditor';
import { TriggerFields, type TriggerEvent } from './TriggerFields';
import { EditorSection } from './EditorSection';

graphql(`
  fragment RuleEditorFields on Rule {
    id
    name
    enabled
    recipe
    version
    condition
    exitCondition
    marketing
    steps
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

graphql(`
  fragment RuleTestResultFields on RuleTestResult {
    eventSource
    eventType
    conditionHeld
    exited
    steps {
      path
      kind
      title
      outcome
      rendered {
        name
        value
      }
    }
  }
`);

const CreateRuleMutation = graphql(`
  mutation CreateRule($workspaceId: ID!, $input: RuleInput!) {
    createRule(workspaceId: $workspaceId, input: $input) {
      ...RuleEditorFields
    }
  }
`);

const UpdateRuleMutation = graphql(`
  mutation UpdateRule($id: ID!, $input: RuleInput!) {
    updateRule(id: $id, input: $input) {
      ...RuleEditorFields
    }
  }
`);

const TestRuleMutation = graphql(`
  mutation TestRule($workspaceId: ID!, $input: RuleInput!) {
    testRule(workspaceId: $workspaceId, input: $input) {
      ...RuleTestResultFields
    }
  }
`);

interface Props {
  workspaceId: string;
  /** The workspace's address. */
  base: string;
  writable: boolean;
  /** The saved rule; none for a new one. */
  rule?: RuleEditorFieldsFragment;
  events: readonly TriggerEvent[];
  connectors: readonly EditorConnector[];
  connections: readonly EditorConnection[];
}

/** Where the first problem is shown: an invalid input, a step's own problem, or the form's alert. */
function scrollToFirstProblem(form: HTMLElement | null) {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-has-error], [data-form-error]');
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (target.matches('input, textarea')) target.focus({ preventScroll: true });
}

/** A rule's form: name, trigger, conditions and steps; test it, save it as a new version. */
export function RuleEditor({ workspaceId, base, writable, rule, events, connectors, connections }: Props) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState<RuleDraft>(() => (rule ? draftFromRule(rule) : emptyDraft()));
  const [draft, setDraft] = useState<RuleDraft>(saved);
  const [version, setVersion] = useState(rule?.version);
  const [errors, setErrors] = useState<RuleErrors>(NO_ERRORS);
  const [problemSeq, setProblemSeq] = useState(0);
  const [tested, setTested] = useState<RuleTestResultFieldsFragment | null>(null);
  const [createState, createRule] = useMutation(CreateRuleMutation);
  const [updateState, updateRule] = useMutation(UpdateRuleMutation);
  const [testState, test] = useMutation(TestRuleMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = writable && !sameRule(draft, saved);
  const { blocker, allowLeaving } = useLeaveGuard(dirty);

  const inputsOf = useCallback(
    (connector: string, action: string) =>
      connectors.find((c) => c.slug === connector)?.actions.find((a) => a.name === action)?.input.map((f) => f.name),
    [connectors],
  );
  const targets = useMemo(
    () => errorTargets(draft.steps, inputsOf, !!DELAY_UNITS[draft.event]),
    [draft.steps, draft.event, inputsOf],
  );
  const clearError = useCallback((path: string) => setErrors((e) => withoutErrors(e, path)), []);

  useEffect(() => {
    if (problemSeq > 0) scrollToFirstProblem(formRef.current);
  }, [problemSeq]);

  const change = (part: Partial<RuleDraft>, path?: string) => {
    if (path) clearError(path);
    setDraft((d) => ({ ...d, ...part }));
  };

  const changeSteps = (steps: StepDraft[]) => {
    // Problems name steps by their place: once steps move, those places mean other steps.
    if (stepsShape(steps) !== stepsShape(draft.steps)) clearError('steps');
    change({ steps });
  };

  const showProblems = (next: RuleErrors) => {
    setErrors(next);
    setProblemSeq((n) => n + 1);
  };

  const runTest = async () => {
    setErrors(NO_ERRORS);
    const result = await test({ workspaceId, input: ruleInput(draft) });
    if (result.data) setTested(result.data.testRule);
    else showProblems(ruleErrors(result.error, targets));
  };

  const submit = async () => {
    setErrors(NO_ERRORS);
    const input = ruleInput(draft);
    const result = rule ? await updateRule({ id: rule.id, input }) : await createRule({ workspaceId, input });
    const savedRule = result.data && ('updateRule' in result.data ? result.data.updateRule : result.data.createRule);
    if (!savedRule) {
      showProblems(ruleErrors(result.error, targets));
      return;
    }
    if (!rule) {
      notifications.show({
        color: 'teal',
        title: `“${savedRule.name}” saved`,
        message: 'The rule is switched off: test it, then switch it on in the list of rules.',
      });
      allowLeaving();
      void navigate(`${base}/rules/${savedRule.id}`, { replace: true });
      return;
    }
    const next = draftFromRule(savedRule);
    setSaved(next);
    setDraft(next);
    setVersion(savedRule.version);
    notifications.show({
      color: 'teal',
      title: `Saved version ${savedRule.version}`,
      message: 'New runs follow this version; runs in progress keep the version they started with.',
    });
  };

  const context = useMemo(
    () => ({ workspaceId, eventType: draft.event, connectors, connections, errors: errors.byPath, clearError, readOnly: !writable }),
    [workspaceId, draft.event, connectors, connections, errors.byPath, clearError, writable],
  );
  const err = (path: string, label: string) => errors.byPath[path] && fieldMessage(label, errors.byPath[path]);

  return (
    <RuleEditorContext.Provider value={context}>
      <PageHeader
        title={rule ? saved.name || 'Rule' : 'New rule'}
        description={
          version ? (
            <Group gap={6} component="span">
              <Badge variant="light" component="span">
                Version {version}
              </Badge>
              <Badge variant="light" color={rule?.enabled ? 'green' : 'gray'} component="span">
                {rule?.enabled ? 'On' : 'Off'}
              </Badge>
              <span>Saving makes version {version + 1}; runs in progress keep the version they started with.</span>
            </Group>
          ) : (
            'A new rule is saved switched off.'
          )
        }
      />
      <form
        ref={formRef}
        noValidate
        aria-label="Rule"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <EditorSection title="Name and trigger">
            <TextInput
              label="Name"
              required
              maxLength={120}
              value={draft.name}
              onChange={(e) => change({ name: e.currentTarget.value }, 'name')}
              error={err('name', 'Name')}
              name="name"
              data-path="name"
              readOnly={!writable}
              maw={480}
            />
            <TriggerFields
              events={events}
              value={{ event: draft.event, connectionId: draft.connectionId, delay: draft.delay }}
              onChange={(part) => change(part)}
            />
          </EditorSection>
          <EditorSection title="Conditions">
            <ExpressionInput
              path="condition"
              label="Condition (optional)"
              help="A run starts only when this holds; empty means always."
              value={draft.condition}
              onChange={(condition) => change({ condition })}
            />
            <ExpressionInput
              path="exitCondition"
              label="Exit condition (optional)"
              help="Checked before every step: the run stops as soon as it holds."
              example="customer.last_order_at > run.started_at"
              value={draft.exitCondition}
              onChange={(exitCondition) => change({ exitCondition })}
            />
            <Checkbox
              label="Marketing"
              description="Marketing rules email and text only customers who consented (customer.email_consent, customer.sms_consent); the others skip those steps. Leave it off for transactional messages such as order confirmations, which go to everyone."
              checked={draft.marketing}
              onChange={(e) => change({ marketing: e.currentTarget.checked }, 'marketing')}
              error={err('marketing', 'Marketing')}
              disabled={!writable}
            />
          </EditorSection>
          <EditorSection title="Steps" description="Run in order; waits pause the run, branches choose between two lists of steps.">
            {errors.byPath.steps && (
              <Alert color="red" p="xs" role="alert" data-has-error>
                {fieldMessage('Steps', errors.byPath.steps)}
              </Alert>
            )}
            <StepsEditor steps={draft.steps} path="steps" onChange={changeSteps} />
          </EditorSection>
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
              <Alert color="red" icon={<IconAlertCircle />} title="Could not save" role="alert" mb="sm" data-form-error>
                {errors.form}
              </Alert>
            )}
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" role="status">
                {dirty ? 'Unsaved changes' : rule ? 'All changes saved' : ''}
              </Text>
              <Group gap="sm">
                <Button
                  variant="default"
                  leftSection={<IconFlask size={16} />}
                  loading={testState.fetching}
                  onClick={() => void runTest()}
                >
                  Test
                </Button>
                <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={createState.fetching || updateState.fetching}>
                  Save
                </Button>
              </Group>
            </Group>
          </Box>
        )}
      </form>
      {rule && <RuleBacktest ruleId={rule.id} version={version} dirty={dirty} />}
      <Modal opened={tested !== null} onClose={() => setTested(null)} title="Test result" size="lg">
        {tested && <RuleTestResult result={tested} />}
      </Modal>
      <LeaveGuardModal blocker={blocker} what="this rule" />
    </RuleEditorContext.Provider>
  );
}
