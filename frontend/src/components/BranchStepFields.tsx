import { Box, Stack, Text } from '@mantine/core';
import type { BranchDraft } from '../lib/ruleSteps';
import { ExpressionInput } from './ExpressionInput';
import { StepsEditor } from './StepsEditor';

interface Props {
  path: string;
  label: string;
  branch: BranchDraft;
  onChange: (branch: BranchDraft) => void;
}

/** A branch: an expression, and the steps to run when it holds (Then) or not (Else). */
export function BranchStepFields({ path, label, branch, onChange }: Props) {
  return (
    <Stack gap="sm">
      <ExpressionInput
        path={`${path}.branch.if`}
        label="If"
        help="Then runs when this holds, Else when it does not."
        example={'customer.phone != ""'}
        value={branch.if}
        onChange={(value) => onChange({ ...branch, if: value })}
        required
      />
      {(['then', 'else'] as const).map((list) => (
        <Box
          key={list}
          pl="sm"
          style={{ borderLeft: `3px solid var(--mantine-color-${list === 'then' ? 'teal' : 'gray'}-4)` }}
        >
          <Text fw={600} size="sm" mb={6}>
            {list === 'then' ? 'Then' : 'Else'}
          </Text>
          <StepsEditor
            steps={branch[list]}
            path={`${path}.branch.${list}`}
            parentLabel={label}
            list={list}
            onChange={(steps) => onChange({ ...branch, [list]: steps })}
          />
        </Box>
      ))}
    </Stack>
  );
}
