import { Badge, Box, Button, Code, Group, Stack, Text, Timeline } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconClock, IconGitBranch, IconPlayerPlay, IconX } from '@tabler/icons-react';
import type { RunStepFieldsFragment } from '../gql/graphql';
import { formatDuration, stepStatusLook } from '../lib/automation';
import { stepPathLabel } from '../lib/ruleErrors';
import { DateTime } from './DateTime';
import { RunStatusBadge } from './RunStatusBadge';

function bullet(step: RunStepFieldsFragment) {
  if (step.status === 'SUCCEEDED') return <IconCheck size={14} />;
  if (step.status === 'FAILED') return <IconX size={14} />;
  if (step.status === 'WAITING' || step.kind === 'wait') return <IconClock size={14} />;
  if (step.kind === 'branch') return <IconGitBranch size={14} />;
  return <IconPlayerPlay size={14} />;
}

/** The steps a run went through, in order, each with its outcome. */
export function RunTimeline({ steps }: { steps: readonly RunStepFieldsFragment[] }) {
  return (
    <Timeline active={steps.length - 1} bulletSize={26} lineWidth={2} role="list" aria-label="Steps">
      {steps.map((step, i) => (
        <Timeline.Item
          key={`${step.path}-${i}`}
          bullet={bullet(step)}
          color={stepStatusLook(step.status).color}
          title={
            <Group gap={8} wrap="wrap">
              <Text fw={600} size="sm" component="span">
                {step.title}
              </Text>
              <RunStatusBadge status={step.status} size="sm" />
            </Group>
          }
          role="listitem"
          aria-label={step.title}
        >
          <RunStepBody step={step} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function RunStepBody({ step }: { step: RunStepFieldsFragment }) {
  const [showResponse, { toggle }] = useDisclosure(false);
  const took = step.finishedAt ? formatDuration(new Date(step.finishedAt).getTime() - new Date(step.startedAt).getTime()) : null;
  return (
    <Stack gap={4} mt={4}>
      <Text size="xs" c="dimmed">
        {stepPathLabel(step.path)} · <DateTime value={step.startedAt} />
        {took && ` · took ${took}`}
        {step.attempts > 1 && (
          <>
            {' · '}
            <Badge size="xs" variant="outline" color="orange" component="span">
              {step.attempts} attempts
            </Badge>
          </>
        )}
      </Text>
      {step.summary && (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {step.summary}
        </Text>
      )}
      {step.error && (
        <Text size="sm" c="red.7" style={{ overflowWrap: 'anywhere' }}>
          {step.error}
        </Text>
      )}
      {step.providerResponse && (
        <Box>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={toggle} aria-expanded={showResponse}>
            {showResponse ? 'Hide provider response' : 'Show provider response'}
          </Button>
          {showResponse && (
            <Code block mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 320, overflow: 'auto' }}>
              {step.providerResponse}
            </Code>
          )}
        </Box>
      )}
    </Stack>
  );
}
