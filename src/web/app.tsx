import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { Layout } from './layout';
import { RequireSession } from './components/require-session';
import { pageRoutes } from './routes';
import { SessionProvider } from './session';

const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white-on-primary text above 4.5:1 contrast.
  primaryShade: 8,
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  defaultRadius: 'md',
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Authorization and validation failures will not change on retry.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function NotFoundPage() {
  const { t } = useTranslation();
  return <p>{t('common:notFound')}</p>;
}

/** The web app: providers, then the routes of every module inside the shared layout. */
export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Routes>
              <Route element={<Layout />}>
                {pageRoutes.map((route) => (
                  <Route
                    key={route.path}
                    path={route.path}
                    element={
                      route.access === 'public' ? (
                        route.element
                      ) : (
                        <RequireSession roles={route.access === 'signed-in' ? undefined : route.access}>
                          {route.element}
                        </RequireSession>
                      )
                    }
                  />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
