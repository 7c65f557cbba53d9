import { Anchor, Button, Code, Group, List, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { useLiveTopic } from '../../realtime/useLiveTopic.js';
import { patientName } from '../billing/CarePatientsPage.js';
import { identityApi } from '../identity/api.js';
import { AlertCard } from './AlertCard.js';
import { telemonitoringApi, telemonitoringKeys, type Monitoring } from './api.js';
import { formatters } from './format.js';
import { EnrolmentWizard } from './EnrolmentWizard.js';
import { Charts } from './LazyCharts.js';
import { TELEMONITORING_PATHS } from './paths.js';
import { ProgrammeSummary } from './ProgrammeSummary.js';
import { RuleEditor } from './RuleEditor.js';
import { SymptomReports } from './SymptomReports.js';

const PERIODS = ['7', '30', '90'] as const;

/** One patient's telemonitoring, for their care team: alerts to act on, charts with thresholds, devices. */
export function PatientMonitoringPage() {
  const { t } = useTranslation();
  const { patientId = '' } = useParams();
  const [days, setDays] = useState<(typeof PERIODS)[number]>('30');
  const monitoring = useQuery({
    queryKey: telemonitoringKeys.monitoring(patientId, Number(days)),
    queryFn: () => telemonitoringApi.monitoring(patientId, Number(days)),
  });
  // The name, from the record (the monitoring itself carries no identity).
  const patient = useQuery({ queryKey: ['identity', 'patient', patientId], queryFn: () => identityApi.patient(patientId) }).data;
  const name = patient ? patientName(patient) : undefined;
  const [another, setAnother] = useState(false);
  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to={TELEMONITORING_PATHS.dashboard}>
        {t('telemonitoring.patient.back')}
      </Anchor>
      <PageTitle>{name ? t('telemonitoring.patient.title', { name }) : t('telemonitoring.patient.titleFallback')}</PageTitle>
      {monitoring.data ? <FollowAlerts organisationIds={[...new Set(monitoring.data.enrolments.map((e) => e.organisationId))]} /> : null}
      {monitoring.isPending ? (
        <Loading label={t('common.loading')} />
      ) : monitoring.isError ? (
        <ErrorAlert error={monitoring.error} />
      ) : monitoring.data.enrolments.length === 0 ? (
        <>
          <Text role="status">{t('telemonitoring.patient.notEnrolled')}</Text>
          <EnrolmentWizard patientId={patientId} />
        </>
      ) : (
        <>
          <ProgrammeSummary enrolments={monitoring.data.enrolments} title={t('telemonitoring.patient.programme')} />
          <Alerts monitoring={monitoring.data} />
          <section aria-labelledby="charts-heading">
            <Stack gap="sm">
              <Title order={2} size="h3" id="charts-heading">
                {t('telemonitoring.patient.chartsTitle')}
              </Title>
              <NativeSelect
                label={t('telemonitoring.patient.days')}
                value={days}
                onChange={(event) => setDays(event.currentTarget.value as (typeof PERIODS)[number])}
                data={PERIODS.map((p) => ({ value: p, label: t(`telemonitoring.patient.period.${p}`) }))}
                maw={240}
              />
              <Charts monitoring={monitoring.data} />
            </Stack>
          </section>
          {monitoring.data.enrolments.some((e) => e.programme === 'oncology') ? (
            <SymptomReports reports={monitoring.data.symptomReports} />
          ) : null}
          {monitoring.data.enrolments
            .filter((e) => !e.endedAt)
            .map((enrolment) => (
              <RuleEditor key={enrolment.id} patientId={patientId} enrolment={enrolment} />
            ))}
          <Devices monitoring={monitoring.data} />
          {another ? (
            <EnrolmentWizard patientId={patientId} />
          ) : (
            <Button variant="default" w="fit-content" onClick={() => setAnother(true)}>
              {t('telemonitoring.patient.enrolAnother')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

function Alerts({ monitoring }: { monitoring: Monitoring }) {
  const { t } = useTranslation();
  const live = monitoring.alerts.filter((a) => a.state !== 'resolved');
  const resolved = monitoring.alerts.filter((a) => a.state === 'resolved');
  return (
    <section aria-labelledby="alerts-heading">
      <Stack gap="sm" aria-live="polite">
        <Title order={2} size="h3" id="alerts-heading">
          {t('telemonitoring.patient.alertsTitle')}
        </Title>
        {live.length === 0 ? <Text>{t('telemonitoring.patient.noAlerts')}</Text> : null}
        {[...live, ...resolved].map((alert) => (
          <AlertCard key={alert.id} alert={alert} actions />
        ))}
      </Stack>
    </section>
  );
}

/**
 * The credentials the patient's devices send readings with: each writes that patient's readings
 * only; its token is shown once, when created; revoking one stops it at once.
 */
function Devices({ monitoring }: { monitoring: Monitoring }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const live = monitoring.enrolments.find((e) => !e.endedAt);
  const reload = () => queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all });
  const create = useMutation({
    mutationFn: () => telemonitoringApi.createDevice(monitoring.patientId, live!.id, label.trim()),
    onSuccess: async () => {
      setLabel('');
      await reload();
    },
  });
  const revoke = useMutation({
    mutationFn: (deviceId: string) => telemonitoringApi.revokeDevice(monitoring.patientId, deviceId),
    onSuccess: reload,
  });
  return (
    <section aria-labelledby="devices-heading">
      <Title order={2} size="h3" id="devices-heading" mb="xs">
        {t('telemonitoring.patient.devicesTitle')}
      </Title>
      {monitoring.devices.length === 0 ? (
        <Text>{t('telemonitoring.patient.noDevices')}</Text>
      ) : (
        <List>
          {monitoring.devices.map((device) => (
            <List.Item key={device.id}>
              {device.label}
              {device.revokedAt ? ` (${t('telemonitoring.patient.revoked')})` : ''}
              {device.lastUsedAt ? ` — ${t('telemonitoring.patient.lastUsed', { at: format.dateTime(device.lastUsedAt) })}` : ''}
              {device.revokedAt ? null : (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  ml="xs"
                  loading={revoke.isPending && revoke.variables === device.id}
                  onClick={() => revoke.mutate(device.id)}
                >
                  {t('telemonitoring.devices.revoke', { label: device.label })}
                </Button>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {live ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (label.trim()) create.mutate();
          }}
        >
          <Group align="end" mt="sm">
            <TextInput
              label={t('telemonitoring.devices.label')}
              value={label}
              maxLength={100}
              required
              onChange={(event) => setLabel(event.currentTarget.value)}
            />
            <Button type="submit" variant="default" loading={create.isPending}>
              {t('telemonitoring.devices.create')}
            </Button>
          </Group>
        </form>
      ) : null}
      {create.data ? (
        <Text size="sm" mt="xs" role="status">
          {t('telemonitoring.devices.token')} <Code data-testid="device-token">{create.data.token}</Code>
        </Text>
      ) : null}
      {create.error || revoke.error ? <ErrorAlert error={create.error ?? revoke.error} /> : null}
    </section>
  );
}

/** New alerts and the team's actions reload the page's data. */
function FollowAlerts({ organisationIds }: { organisationIds: string[] }) {
  return (
    <>
      {organisationIds.map((id) => (
        <FollowOne key={id} organisationId={id} />
      ))}
    </>
  );
}

function FollowOne({ organisationId }: { organisationId: string }) {
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all });
  useLiveTopic(`telemonitoring:${organisationId}`, { onEvent: reload, onResync: reload });
  return null;
}
