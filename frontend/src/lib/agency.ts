import { createContext, useContext } from 'react';
import type { Role } from '../gql/graphql';

export interface AgencyContextValue {
  agencyId: string;
  agencyName: string;
  role: Role;
  /** Membership id of the signed-in user in this agency. */
  membershipId: string;
}

export const AgencyContext = createContext<AgencyContextValue | null>(null);

/** The agency of the current /agencies/:agencyId page and the viewer's role in it. */
export function useAgency(): AgencyContextValue {
  const value = useContext(AgencyContext);
  if (!value) throw new Error('useAgency must be used inside the agency shell');
  return value;
}
