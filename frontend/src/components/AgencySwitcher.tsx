import { Select } from '@mantine/core';
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
