import { MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { BillingDecisionPage } from '../features/billing/BillingDecisionPage.js';
import { CarePatientsPage } from '../features/billing/CarePatientsPage.js';
import { EstimatePage } from '../features/billing/EstimatePage.js';
import { BILLING_PATHS } from '../features/billing/paths.js';
import { SimulatorPage } from '../features/rules/SimulatorPage.js';
import { HomePage } from '../features/home/HomePage.js';
import { NotFoundPage } from '../features/home/NotFoundPage.js';
import { AccessHistoryPage } from '../features/identity/AccessHistoryPage.js';
import { ApiProblem } from '../features/identity/api.js';
import { ChoosePasswordPage } from '../features/identity/ChoosePasswordPage.js';
import { ForgotPasswordPage } from '../features/identity/ForgotPasswordPage.js';
import { LoginPage } from '../features/identity/LoginPage.js';
import { OrganisationPage } from '../features/identity/OrganisationPage.js';
import { PATHS } from '../features/identity/paths.js';
import { ProfilePage } from '../features/identity/ProfilePage.js';
import { RegisterPage } from '../features/identity/RegisterPage.js';
import { RequireSession } from '../features/identity/RequireSession.js';
import { EnrolmentPage, SecondFactorPage } from '../features/identity/SecondFactorPages.js';
import { SESSION_KEY } from '../features/identity/session.js';
import { VerifyEmailPage } from '../features/identity/VerifyEmailPage.js';
import { Shell } from './Shell.js';
import { theme } from './theme.js';
import './app.css';

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
              <Route index element={<HomePage />} />
              <Route path="/simulateur" element={<SimulatorPage />} />
              <Route path={PATHS.login} element={<LoginPage />} />
              <Route path={PATHS.secondFactor} element={<SecondFactorPage />} />
              <Route path={PATHS.enrolment} element={<EnrolmentPage />} />
              <Route path={PATHS.register} element={<RegisterPage />} />
              <Route path={PATHS.verifyEmail} element={<VerifyEmailPage />} />
              <Route path={PATHS.forgotPassword} element={<ForgotPasswordPage />} />
              <Route path={PATHS.resetPassword} element={<ChoosePasswordPage key="reset" purpose="reset" />} />
              <Route path={PATHS.invitation} element={<ChoosePasswordPage key="invitation" purpose="invitation" />} />
              <Route element={<RequireSession />}>
                <Route path={PATHS.profile} element={<ProfilePage />} />
                <Route path={PATHS.organisation} element={<OrganisationPage />} />
                <Route path={PATHS.accessHistory} element={<AccessHistoryPage />} />
                <Route path={BILLING_PATHS.estimate} element={<EstimatePage />} />
                <Route path={BILLING_PATHS.carePatients} element={<CarePatientsPage />} />
                <Route path={BILLING_PATHS.billing} element={<BillingDecisionPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
