import { Alert, Badge, Box, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { RuleTestResultFieldsFragment } from '../gql/graphql';
import { stepPathLabel } from '../lib/ruleErrors';

/** What a dry run of the rule did: whether it would start, and what each step would send. */
export function RuleTestResult({ result }: { result: RuleTestResultFieldsFragment }) {
  const source =
    result.eventSource === 'stored'
      ? `the workspace's latest ${result.eventType} event`
      : `a made-up ${result.eventType} event (this workspace has none yet)`;
  return (
    <Stack gap="md">
      <Text size="sm">
        Tested with {source}. Nothing was sent.{' '}
        <Badge variant="outline" color="gray" size="sm">
          {result.eventSource}
        </Badge>
      </Text>
      {result.conditionHeld ? (
        <Alert color="teal" icon={<IconCircleCheck />} title="The condition holds">
          A run would start{result.exited ? ', then stop: the exit condition holds.' : '.'}
        </Alert>
      ) : (
        <Alert color="gray" icon={<IconCircleX />} title="The condition does not hold">
          No run would start for this event.
        </Alert>
      )}
      {result.steps.length > 0 && (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Step outcomes">
          {result.steps.map((step) => (
            <Box
              component="li"
              key={step.path}
              p="sm"
              style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
            >
              <Group gap={8} mb={step.rendered.length ? 'xs' : 0} wrap="wrap">
                <Text fw={600} size="sm">
                  {stepPathLabel(step.path)}
                </Text>
                <Text size="sm">{step.title}</Text>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {step.outcome}
                </Badge>
              </Group>
              {step.rendered.length > 0 && (
                <Table.ScrollContainer minWidth={0}>
                  <Table verticalSpacing={4} withRowBorders={false}>
                    <Table.Tbody>
                      {step.rendered.map((input) => (
                        <Table.Tr key={input.name}>
                          <Table.Td w={120} style={{ verticalAlign: 'top' }}>
                            <Code>{input.name}</Code>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                              {input.value}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
