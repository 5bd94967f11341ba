import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createAppClient } from '../lib/client';

const ResetClientContext = createContext<() => void>(() => undefined);

interface Props {
  onUnauthenticated: () => void;
  children: ReactNode;
}

/** Provides the urql client; `useResetClient()` replaces it (and its cache) after sign-in or sign-out. */
export function ClientProvider({ onUnauthenticated, children }: Props) {
  const [app, setApp] = useState(() => createAppClient({ onUnauthenticated }));
  const reset = useCallback(() => {
    app.dispose();
    setApp(createAppClient({ onUnauthenticated }));
  }, [app, onUnauthenticated]);
  return (
    <ResetClientContext.Provider value={reset}>
      <Provider value={app.client}>{children}</Provider>
    </ResetClientContext.Provider>
  );
}

export function useResetClient(): () => void {
  return useContext(ResetClientContext);
}
