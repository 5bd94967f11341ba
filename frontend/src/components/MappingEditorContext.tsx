import { createContext, useContext } from 'react';
import type { MappingEntityFieldFragment } from '../gql/graphql';

export interface MappingEditorContextValue {
  /** Server problems by path (see lib/mappingErrors). */
  errors: Record<string, string>;
  clearError: (path: string) => void;
  readOnly: boolean;
  /** Fields of the chosen source and target entities. */
  sourceFields: readonly MappingEntityFieldFragment[];
  targetFields: readonly MappingEntityFieldFragment[];
}

export const MappingEditorContext = createContext<MappingEditorContextValue>({
  errors: {},
  clearError: () => undefined,
  readOnly: false,
  sourceFields: [],
  targetFields: [],
});

/** What every part of the mapping editor shares: problems, the entities' fields, whether it is read-only. */
export function useMappingEditor(): MappingEditorContextValue {
  return useContext(MappingEditorContext);
}

/** Source fields as Select options: label, and the name when it differs. */
export function fieldOptions(fields: readonly MappingEntityFieldFragment[], markRequired = false) {
  return fields.map((f) => {
    const named = f.label && f.label.toLowerCase() !== f.name.toLowerCase() ? `${f.label} (${f.name})` : f.label || f.name;
    return { value: f.name, label: markRequired && f.required ? `${named} *` : named };
  });
}
