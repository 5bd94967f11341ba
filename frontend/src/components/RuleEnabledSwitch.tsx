import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { ruleProblem } from '../lib/ruleErrors';

const SetRuleEnabledMutation = graphql(`
  mutation SetRuleEnabled($id: ID!, $enabled: Boolean!) {
    setRuleEnabled(id: $id, enabled: $enabled) {
      id
      enabled
      updatedAt
    }
  }
`);

interface Props {
  rule: { id: string; name: string; enabled: boolean };
  disabled?: boolean;
}

/**
 * Switches a rule on or off at once, then asks the server; when it refuses (say, a
 * connection the rule uses is gone) the switch flips back and the reason is shown.
 */
export function RuleEnabledSwitch({ rule, disabled }: Props) {
  // What the user chose, while the list still shows what it showed when they chose it.
  const [chosen, setChosen] = useState<{ value: boolean; was: boolean } | null>(null);
  const [{ fetching }, setEnabled] = useMutation(SetRuleEnabledMutation);
  const checked = chosen && chosen.was === rule.enabled ? chosen.value : rule.enabled;

  const toggle = async (value: boolean) => {
    setChosen({ value, was: rule.enabled });
    const result = await setEnabled({ id: rule.id, enabled: value });
    if (result.error || !result.data) {
      setChosen(null);
      notifications.show({
        color: 'red',
        title: value ? `Could not switch on “${rule.name}”` : `Could not switch off “${rule.name}”`,
        message: result.error ? ruleProblem(result.error) : 'No answer.',
      });
    }
  };

  return (
    <Switch
      checked={checked}
      disabled={disabled || fetching}
      onChange={(e) => void toggle(e.currentTarget.checked)}
      aria-label={`${rule.name} on`}
      label={checked ? 'On' : 'Off'}
    />
  );
}
