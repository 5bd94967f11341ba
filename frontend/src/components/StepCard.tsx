import { ActionIcon, Alert, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { StepDraft } from '../lib/ruleSteps';
import { ActionStepFields } from './ActionStepFields';
import { BranchStepFields } from './BranchStepFields';
import { findAction, useRuleEditor } from './RuleEditorContext';
import { WaitStepFields } from './WaitStepFields';

interface Props {
  step: StepDraft;
  /** Where the step is in the rule, e.g. steps.2 or steps.2.branch.then.0. */
  path: string;
  /** Its number for people: "3", "3 then 1". */
  label: string;
  first: boolean;
  last: boolean;
  onChange: (step: StepDraft) => void;
  onMove: (by: number) => void;
  onDelete: () => void;
}

const KIND_LOOK = {
  action: { label: 'Action', color: 'indigo' },
  wait: { label: 'Wait', color: 'yellow' },
  branch: { label: 'Branch', color: 'grape' },
} as const;

/** One step of a rule, with the controls that move and delete it. */
export function StepCard({ step, path, label, first, last, onChange, onMove, onDelete }: Props) {
  const { connectors, errors, readOnly } = useRuleEditor();
  const look = KIND_LOOK[step.kind];
  const problem = errors[path];
  let summary = '';
  if (step.kind === 'action') summary = findAction(connectors, step.action.connector, step.action.action)?.summary ?? '';
  if (step.kind === 'wait') summary = [step.wait.duration, step.wait.untilTime && `until ${step.wait.untilTime}`].filter(Boolean).join(' ');

  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-label={`Step ${label}`} data-path={path}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb="sm">
        <Group gap={8} miw={0} wrap="nowrap">
          <Text fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {label}
          </Text>
          <Badge color={look.color} variant="light" size="sm">
            {look.label}
          </Badge>
          {summary && (
            <Text size="sm" c="dimmed" truncate>
              {summary}
            </Text>
          )}
        </Group>
        {!readOnly && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Move up" withArrow>
              <ActionIcon variant="subtle" color="gray" disabled={first} onClick={() => onMove(-1)} aria-label={`Move step ${label} up`}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down" withArrow>
              <ActionIcon variant="subtle" color="gray" disabled={last} onClick={() => onMove(1)} aria-label={`Move step ${label} down`}>
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete" withArrow>
              <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={`Delete step ${label}`}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <Stack gap="sm">
        {problem && (
          <Alert color="red" p="xs" role="alert" data-has-error>
            <Text size="sm">{problem}</Text>
          </Alert>
        )}
        {step.kind === 'action' && (
          <ActionStepFields path={path} action={step.action} onChange={(action) => onChange({ ...step, action })} />
        )}
        {step.kind === 'wait' && <WaitStepFields path={path} wait={step.wait} onChange={(wait) => onChange({ ...step, wait })} />}
        {step.kind === 'branch' && (
          <BranchStepFields path={path} label={label} branch={step.branch} onChange={(branch) => onChange({ ...step, branch })} />
        )}
      </Stack>
    </Card>
  );
}
