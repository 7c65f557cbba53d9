import { Anchor, Group, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { formatEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { telemonitoringApi, telemonitoringKeys, telemonitoringLinks, type ReportRow } from './api.js';
import { TELEMONITORING_PATHS } from './paths.js';

/** This month on this device, as a month input holds it (YYYY-MM). */
function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The operator's monthly report: each patient monitored in the month, the share of expected data
 * that came, and what the rules allow to bill (the forfaits), or why not; totals, and a CSV for the
 * billing office.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(thisMonth);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useQuery({
    queryKey: telemonitoringKeys.report(month),
    queryFn: () => telemonitoringApi.report(month),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const euros = (amount: number | null) => formatEuros(amount, i18n.language);
  const columns: Column<ReportRow>[] = [
    {
      key: 'patient',
      header: t('telemonitoring.report.patient'),
      primary: true,
      cell: (row) => (
        <Anchor component={Link} to={TELEMONITORING_PATHS.patientOf(row.patientId)}>
          {row.name}
        </Anchor>
      ),
    },
    {
      key: 'programme',
      header: t('telemonitoring.report.programme'),
      cell: (row) => `${t(`telemonitoring.programme.${row.programme}`)} — ${t(`telemonitoring.enrol.levels.${row.level}`)}`,
    },
    {
      key: 'month',
      header: t('telemonitoring.report.monthOf'),
      cell: (row) => t('telemonitoring.report.nth', { count: row.monthOfPrescription }),
    },
    {
      key: 'rate',
      header: t('telemonitoring.report.rate'),
      cell: (row) =>
        row.transmissionRate === null
          ? '—'
          : t('telemonitoring.report.rateOf', {
              rate: Math.round(row.transmissionRate * 100),
              sent: row.periodsWithData,
              expected: row.expectedPeriods,
            }),
    },
    {
      key: 'billing',
      header: t('telemonitoring.report.billing'),
      cell: (row) =>
        row.billable ? (
          t('telemonitoring.report.forfaits', { operator: euros(row.operatorFee), technical: euros(row.technicalFee) })
        ) : (
          <Stack gap={2}>
            <StatusBadge tone="warning">{t('telemonitoring.report.notBillable')}</StatusBadge>
            {row.reasons.map((reason) => (
              <Text key={reason.code} size="sm">
                {reason.text}
              </Text>
            ))}
          </Stack>
        ),
    },
  ];
  return (
    <Stack gap="md" maw={1100}>
      <PageTitle>{t('telemonitoring.report.title')}</PageTitle>
      <Text>{t('telemonitoring.report.intro')}</Text>
      <Group align="end">
        <TextInput
          type="month"
          label={t('telemonitoring.report.month')}
          value={month}
          onChange={(event) => setMonth(event.currentTarget.value)}
          error={valid ? undefined : t('issues.required')}
        />
        {valid ? (
          <Anchor href={telemonitoringLinks.reportCsv(month)} download>
            {t('telemonitoring.report.csv')}
          </Anchor>
        ) : null}
      </Group>
      {!valid ? null : report.isPending ? (
        <Loading label={t('common.loading')} />
      ) : report.isError ? (
        <ErrorAlert error={report.error} />
      ) : report.data.rows.length === 0 ? (
        <Text role="status">{t('telemonitoring.report.none')}</Text>
      ) : (
        <>
          <Text fw={700} data-testid="report-totals">
            {t('telemonitoring.report.totals', {
              patients: report.data.totals.patients,
              billable: report.data.totals.billable,
              operator: euros(report.data.totals.operatorFees),
              technical: euros(report.data.totals.technicalFees),
            })}
          </Text>
          <ResponsiveTable
            label={t('telemonitoring.report.title')}
            minWidth={760}
            columns={columns}
            rows={report.data.rows}
            rowKey={(row) => row.enrolmentId}
          />
        </>
      )}
    </Stack>
  );
}
