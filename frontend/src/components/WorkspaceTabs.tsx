import { Tabs } from '@mantine/core';
import { IconArrowsExchange, IconBolt, IconListCheck, IconPackages, IconPlugConnected } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { workspacePath } from './WorkspaceCrumbs';

export type WorkspaceTab = 'connections' | 'rules' | 'runs' | 'syncs' | 'inventory';

const TABS: { value: WorkspaceTab; label: string; icon: typeof IconBolt; path: string }[] = [
  { value: 'connections', label: 'Connections', icon: IconPlugConnected, path: '' },
  { value: 'rules', label: 'Rules', icon: IconBolt, path: '/rules' },
  { value: 'runs', label: 'Runs', icon: IconListCheck, path: '/runs' },
  { value: 'syncs', label: 'Syncs', icon: IconArrowsExchange, path: '/syncs' },
  { value: 'inventory', label: 'Inventory', icon: IconPackages, path: '/inventory' },
];

/** The sections of a workspace: its connections, its rules and their runs, its syncs, its inventory. */
export function WorkspaceTabs({ agencyId, workspaceId, active }: { agencyId: string; workspaceId: string; active: WorkspaceTab }) {
  const navigate = useNavigate();
  const base = workspacePath(agencyId, workspaceId);
  return (
    <Tabs
      value={active}
      onChange={(value) => {
        const tab = TABS.find((t) => t.value === value);
        if (tab && tab.value !== active) void navigate(base + tab.path);
      }}
      mb="md"
      activateTabWithKeyboard={false}
    >
      <Tabs.List aria-label="Workspace sections">
        {TABS.map(({ value, label, icon: Icon }) => (
          <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
            {label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
