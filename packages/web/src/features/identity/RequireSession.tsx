import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useOutletContext } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import type { Me } from './api.js';
import { PATHS } from './paths.js';
import { useSession } from './session.js';

/**
 * Pages for signed-in people: a visitor is sent to log in (and brought back afterwards), a session
 * still owing its second factor to that step. The account is handed to the pages (useAccount).
 */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <Loading label={t('common.loading')} />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  const me = session.data;
  const from = location.pathname + location.search;
  if (!me) return <Navigate to={PATHS.login} replace state={{ from }} />;
  if (me.secondFactor.pending) {
    return <Navigate to={me.secondFactor.enrolled ? PATHS.secondFactor : PATHS.enrolment} replace state={{ from }} />;
  }
  return <Outlet context={me} />;
}

/** The signed-in account, inside RequireSession. */
export function useAccount(): Me {
  return useOutletContext<Me>();
}
