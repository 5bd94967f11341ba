import { Box, Button, Stack, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { isHtmlInput, isSmsInput } from '../lib/automation';
import { fieldMessage, type FieldSpec } from '../lib/connectorForm';
import { useRuleEditor } from './RuleEditorContext';
import { TemplatePreview } from './TemplatePreview';

interface Props {
  /** Where the input is in the rule, e.g. steps.1.action.input.subject. */
  path: string;
  field: FieldSpec;
  actionName: string;
  value: string;
  onChange: (value: string) => void;
}

/** What goes into one action input: a template like "Order {{order.number}} confirmed", with a live preview. */
export function TemplateInput({ path, field, actionName, value, onChange }: Props) {
  const { workspaceId, eventType, errors, clearError, readOnly } = useRuleEditor();
  const [previewing, { toggle }] = useDisclosure(false);
  const html = isHtmlInput(field.name);
  const sms = isSmsInput(actionName, field.name);
  const error = errors[path];
  const hints = [
    field.help,
    field.options.length ? `One of ${field.options.join(', ')}.` : '',
    field.patternHelp ? fieldMessage(field.label, field.patternHelp) : '',
  ].filter(Boolean);

  return (
    <Stack gap={4}>
      <Textarea
        label={field.label}
        description={hints.join(' ') || undefined}
        required={field.required}
        error={error && fieldMessage(field.label, error)}
        name={path}
        data-path={path}
        value={value}
        onChange={(e) => {
          clearError(path);
          onChange(e.currentTarget.value);
        }}
        readOnly={readOnly}
        autosize
        minRows={html ? 8 : sms || field.name === 'text' ? 3 : 1}
        maxRows={html ? 24 : 12}
        spellCheck={!html}
        styles={html ? { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } } : undefined}
      />
      <Box>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={previewing ? <IconEyeOff size={14} /> : <IconEye size={14} />}
          onClick={toggle}
          aria-expanded={previewing}
          aria-label={`${previewing ? 'Hide preview of' : 'Preview'} ${field.label}`}
        >
          {previewing ? 'Hide preview' : 'Preview'}
        </Button>
      </Box>
      {previewing && (
        <TemplatePreview
          workspaceId={workspaceId}
          eventType={eventType}
          template={value}
          label={field.label}
          html={html}
          sms={sms}
        />
      )}
    </Stack>
  );
}
