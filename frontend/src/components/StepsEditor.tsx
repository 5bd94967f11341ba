import { Button, Group, Stack, Text } from '@mantine/core';
import { IconClock, IconGitBranch, IconPlus } from '@tabler/icons-react';
import { move, newStep, stepLabel, type StepDraft, type StepKind } from '../lib/ruleSteps';
import { useRuleEditor } from './RuleEditorContext';
import { StepCard } from './StepCard';

interface Props {
  steps: StepDraft[];
  /** Where the list is in the rule: "steps", or "steps.2.branch.then". */
  path: string;
  /** The branch's step label for nested lists. */
  parentLabel?: string;
  list?: 'then' | 'else';
  onChange: (steps: StepDraft[]) => void;
}

const ADD: { kind: StepKind; label: string; icon: typeof IconPlus }[] = [
  { kind: 'action', label: 'Action', icon: IconPlus },
  { kind: 'wait', label: 'Wait', icon: IconClock },
  { kind: 'branch', label: 'Branch', icon: IconGitBranch },
];

/** An ordered list of steps (the rule's, or a branch's Then or Else): reorder, delete, add. */
export function StepsEditor({ steps, path, parentLabel, list, onChange }: Props) {
  const { readOnly } = useRuleEditor();
  const where = list ? `${list === 'then' ? 'Then' : 'Else'} of step ${parentLabel}` : 'the rule';
  return (
    <Stack gap="sm">
      {steps.length === 0 && list && (
        <Text size="sm" c="dimmed">
          {list === 'then' ? 'No steps: nothing happens when the condition holds.' : 'No steps: the run goes on after the branch.'}
        </Text>
      )}
      {steps.length > 0 && (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={list ? `Step ${parentLabel} ${list}` : 'Steps'}>
          {steps.map((step, i) => (
            <li key={step.key}>
              <StepCard
                step={step}
                path={`${path}.${i}`}
                label={stepLabel(parentLabel ?? '', i, list ?? null)}
                first={i === 0}
                last={i === steps.length - 1}
                onChange={(next) => onChange(steps.map((s, j) => (j === i ? next : s)))}
                onMove={(by) => onChange(move(steps, i, by))}
                onDelete={() => onChange(steps.filter((_, j) => j !== i))}
              />
            </li>
          ))}
        </Stack>
      )}
      {!readOnly && (
        <Group gap="xs">
          {ADD.map(({ kind, label, icon: Icon }) => (
            <Button
              key={kind}
              size="compact-sm"
              variant="light"
              color={kind === 'action' ? undefined : 'gray'}
              leftSection={<Icon size={14} />}
              onClick={() => onChange([...steps, newStep(kind)])}
              aria-label={`Add ${label.toLowerCase()} to ${where}`}
            >
              {label}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
