import { Alert, Anchor, Badge, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formErrors } from '../lib/errors';
import type { InstallTarget } from '../lib/install';
import { useSignOut } from '../lib/useSignOut';
import { ErrorAlert } from './ErrorAlert';

/** What the chooser needs of an AppInstall. */
export interface ChooserInstall {
  accountName: string;
  workspaces: { id: string; name: string; agency: { name: string } }[];
  connectedWorkspaceIds: string[];
  agencies: { id: string; name: string }[];
}

interface Props {
  install: ChooserInstall;
  /** The signed-in user's email. */
  email: string;
  /** completeAppInstall is running. */
  busy: boolean;
  /** How the last completeAppInstall failed. */
  error?: CombinedError;
  onChoose: (target: InstallTarget) => void;
}

/** Radio values: an existing workspace, or a new workspace in an agency. */
const workspaceChoice = (id: string) => `workspace:${id}`;
const agencyChoice = (id: string) => `agency:${id}`;

function firstChoice({ workspaces, agencies }: ChooserInstall): string {
  if (workspaces[0]) return workspaceChoice(workspaces[0].id);
  return agencies[0] ? agencyChoice(agencies[0].id) : '';
}

/** For a signed-in merchant: the workspace the store goes to, existing or new. */
export function InstallChooser({ install, email, busy, error, onChoose }: Props) {
  const { workspaces, agencies, connectedWorkspaceIds, accountName } = install;
  const [choice, setChoice] = useState(() => firstChoice(install));
  const [workspaceName, setWorkspaceName] = useState(accountName);
  const errors = formErrors(error, ['workspaceId', 'agencyId', 'workspaceName']);
  const newIn = agencies.find((a) => choice === agencyChoice(a.id));

  if (workspaces.length === 0 && agencies.length === 0) {
    return (
      <Stack>
        <SignedInAs email={email} />
        <Alert color="gray" icon={<IconInfoCircle />} title="This account cannot add stores">
          It has no workspace it may change and no agency where it may create one. Ask an admin of your agency for
          an invitation with more access, or use another account.
        </Alert>
      </Stack>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const workspace = workspaces.find((w) => choice === workspaceChoice(w.id));
    if (workspace) onChoose({ workspaceId: workspace.id });
    else if (newIn) onChoose({ agencyId: newIn.id, workspaceName: workspaceName.trim() });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <SignedInAs email={email} />
        <Radio.Group
          label="Where should the store go?"
          value={choice}
          onChange={setChoice}
          error={errors.fields.workspaceId ?? errors.fields.agencyId}
          disabled={busy}
        >
          <Stack gap="sm" mt="xs">
            {workspaces.map((w) => (
              <Radio
                key={w.id}
                value={workspaceChoice(w.id)}
                disabled={busy}
                label={
                  <Group component="span" gap="xs">
                    <span style={{ overflowWrap: 'anywhere' }}>{w.name}</span>
                    {connectedWorkspaceIds.includes(w.id) && (
                      <Badge component="span" color="teal" variant="light">
                        Already connected — will be renewed
                      </Badge>
                    )}
                  </Group>
                }
                description={`Workspace in ${w.agency.name}`}
              />
            ))}
            {agencies.map((a) => (
              <Radio
                key={a.id}
                value={agencyChoice(a.id)}
                disabled={busy}
                label={`New workspace in ${a.name}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        {newIn && (
          <TextInput
            label="Workspace name"
            description={`The new workspace in ${newIn.name}.`}
            required
            value={workspaceName}
            onChange={(e) => setWorkspaceName(e.currentTarget.value)}
            error={errors.fields.workspaceName}
            disabled={busy}
          />
        )}
        <ErrorAlert message={errors.form} title="Could not finish the install" />
        <Button type="submit" loading={busy} fullWidth>
          Connect store
        </Button>
      </Stack>
    </form>
  );
}

/** Who is signed in, with a way to switch to another account. */
function SignedInAs({ email }: { email: string }) {
  const signOut = useSignOut(null);
  return (
    <Text size="sm">
      Signed in as <b style={{ overflowWrap: 'anywhere' }}>{email}</b>.{' '}
      <Anchor component="button" type="button" size="sm" onClick={() => void signOut()}>
        Use another account
      </Anchor>
    </Text>
  );
}
