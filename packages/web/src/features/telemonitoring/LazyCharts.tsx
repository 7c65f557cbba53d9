import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading.js';
import type { Monitoring } from './api.js';

const MonitoringCharts = lazy(() => import('./MonitoringCharts.js'));

/** The charts, fetched with their library when first shown: pages without charts do not carry it. */
export function Charts({ monitoring }: { monitoring: Monitoring }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t('common.loading')} />}>
      <MonitoringCharts monitoring={monitoring} />
    </Suspense>
  );
}
