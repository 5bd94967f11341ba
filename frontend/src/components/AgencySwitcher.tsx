import { Box, Divider, Select, Text } from '@mantine/core';
import { useNavigate } from 'react-router';

interface Props {
  agencyId: string;
  agencies: { id: string; name: string }[];
}

/** Switches between the agencies the user belongs to (shown only when there are several). */
export function AgencySwitcher({ agencyId, agencies }: Props) {
  const navigate = useNavigate();
  if (agencies.length < 2) return null;
  return (
    <Select
      aria-label="Agency"
      data={agencies.map((a) => ({ value: a.id, label: a.name }))}
      value={agencyId}
      allowDeselect={false}
      onChange={(id) => id && navigate(`/agencies/${id}`)}
      w={220}
    />
  );
}

/**
 * The current agency in the header, next to the product name. With several memberships
 * wide screens get the switcher instead (phones keep it in the navigation drawer).
 */
export function CurrentAgency({ agencyId, name, agencies }: Props & { name: string }) {
  const several = agencies.length > 1;
  return (
    <>
      <Divider orientation="vertical" style={{ alignSelf: 'center', height: 24 }} />
      <Text
        fw={500}
        c="dimmed"
        truncate="end"
        miw={0}
        title={name}
        hiddenFrom={several ? 'sm' : undefined}
      >
        {name}
      </Text>
      {several && (
        <Box visibleFrom="sm">
          <AgencySwitcher agencyId={agencyId} agencies={agencies} />
        </Box>
      )}
    </>
  );
}
