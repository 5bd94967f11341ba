import { Code, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { RULE_VARIABLES } from '../lib/automation';
import { fieldMessage } from '../lib/connectorForm';
import { useRuleEditor } from './RuleEditorContext';

interface Props {
  path: string;
  label: string;
  /** What the expression decides; the variables and an example follow. */
  help: ReactNode;
  example?: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}

/** The variables an expression or template can use, with an example. */
export function VariablesHelp({ example = 'order.total > 80 && customer.email_consent' }: { example?: string }) {
  return (
    <>
      Variables:{' '}
      {RULE_VARIABLES.map((v, i) => (
        <span key={v}>
          {i > 0 && ', '}
          <Code fz="xs">{v}</Code>
        </span>
      ))}
      . For example <Code fz="xs">{example}</Code>
    </>
  );
}

/** An expr-lang expression (a condition), in monospace, checked by the server when saving. */
export function ExpressionInput({ path, label, help, example, value, onChange, required }: Props) {
  const { errors, clearError, readOnly } = useRuleEditor();
  const error = errors[path];
  return (
    <Textarea
      label={label}
      description={
        <>
          {help} <VariablesHelp example={example} />
        </>
      }
      required={required}
      error={error && fieldMessage(label, error)}
      name={path}
      data-path={path}
      value={value}
      onChange={(e) => {
        clearError(path);
        onChange(e.currentTarget.value);
      }}
      readOnly={readOnly}
      autosize
      minRows={1}
      maxRows={8}
      spellCheck={false}
      autoComplete="off"
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
    />
  );
}
