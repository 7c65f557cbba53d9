import { MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiProblem } from '../api/problem.js';
import { RequireSession } from '../features/identity/RequireSession.js';
import { SESSION_KEY } from '../features/identity/session.js';
import { FEATURES } from './routes.js';
import { Shell } from './Shell.js';
import { theme } from './theme.js';
import './app.css';

const PAGES = FEATURES.flatMap((feature) => feature.pages);

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A problem the server stated (4xx) will not change on a second try.
      retry: (failures, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && failures < 1,
      staleTime: 30_000,
    },
  },
  queryCache: new QueryCache({
    // A read refused for want of a session: it ended (expiry, logout elsewhere); re-read it. The session
    // query itself answers null on 401, so this does not loop.
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 401) {
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      }
    },
  }),
});

// Mantine's error red and dimmed grey fall short of 4.5:1 on white (WCAG 1.4.3): darker shades.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': 'var(--mantine-color-red-9)', '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<Shell />}>
              {PAGES.filter((page) => !page.signedIn).map((page) => (
                <Route key={page.path} path={page.path} element={page.element} />
              ))}
              <Route element={<RequireSession />}>
                {PAGES.filter((page) => page.signedIn).map((page) => (
                  <Route key={page.path} path={page.path} element={page.element} />
                ))}
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
