import { createContext, useContext } from 'react';
import type { ConnectorCategory } from '../gql/graphql';
import type { FieldSpec } from '../lib/connectorForm';

export interface EditorAction {
  name: string;
  summary: string;
  marketing: boolean;
  input: FieldSpec[];
}

/** A connector and what it can do for a rule. */
export interface EditorConnector {
  slug: string;
  name: string;
  category: ConnectorCategory;
  actions: EditorAction[];
}

/** A connection of the workspace. */
export interface EditorConnection {
  id: string;
  name: string;
  status: string;
  connector: { slug: string; name: string };
}

export interface RuleEditorContextValue {
  workspaceId: string;
  /** The trigger's event type, for template previews. */
  eventType: string;
  connectors: readonly EditorConnector[];
  connections: readonly EditorConnection[];
  /** Server problems by the path of the input showing them. */
  errors: Readonly<Record<string, string>>;
  /** Forgets the problem shown at a path once the user changes it. */
  clearError: (path: string) => void;
  readOnly: boolean;
}

export const RuleEditorContext = createContext<RuleEditorContextValue>({
  workspaceId: '',
  eventType: '',
  connectors: [],
  connections: [],
  errors: {},
  clearError: () => undefined,
  readOnly: false,
});

export function useRuleEditor(): RuleEditorContextValue {
  return useContext(RuleEditorContext);
}

/** The action spec a step names. */
export function findAction(connectors: readonly EditorConnector[], connector: string, action: string): EditorAction | undefined {
  return connectors.find((c) => c.slug === connector)?.actions.find((a) => a.name === action);
}
