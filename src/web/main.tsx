import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { theme } from './theme';
import { createQueryClient } from './lib/query-client';
import { isPublicPath } from './lib/paths';
import { createAppRouter } from './router';
import { clearSessionCache } from './features/auth/queries';

let redirecting = false;

/** Any 401 outside the public pages means the session is gone: back to /login. */
function handleUnauthorized() {
  const { location } = router.state;
  if (redirecting || isPublicPath(location.pathname)) return;
  redirecting = true;
  const target = location.href;
  void router
    .navigate({
      to: '/login',
      search: { redirect: target !== '/' ? target : undefined },
      replace: true,
    })
    .finally(() => {
      redirecting = false;
      clearSessionCache(queryClient);
    });
}

const queryClient = createQueryClient(handleUnauthorized);
const router = createAppRouter(queryClient);
const colorSchemeManager = localStorageColorSchemeManager();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root element missing from index.html');

createRoot(rootElement).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      colorSchemeManager={colorSchemeManager}
    >
      <Notifications position="bottom-right" limit={4} zIndex={1000} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
