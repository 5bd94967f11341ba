import { Badge, createTheme, MantineProvider, Modal } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ClientProvider } from './components/ClientProvider';
import { isPublicPath, signInPath } from './lib/errors';
import { routes } from './routes';

const theme = createTheme({
  primaryColor: 'indigo',
  components: {
    // In a crowded table cell a badge keeps its whole label instead of an ellipsis.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
    // The "×" button has no text, so give it a name for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});

const router = createBrowserRouter(routes);

/** Sends signed-out visitors to /signin, remembering where they were going. */
function redirectToSignIn() {
  const { pathname, search } = router.state.location;
  if (!isPublicPath(pathname)) void router.navigate(signInPath(pathname + search), { replace: true });
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <ClientProvider onUnauthenticated={redirectToSignIn}>
        <RouterProvider router={router} />
      </ClientProvider>
    </MantineProvider>
  );
}
