import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import type { GattProfile, ReadingIssue } from '@parcours/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem.js';
import { ErrorAlert } from '../../components/ProblemAlert.js';
import { assistApi, assistKeys, type MeasurementRequest } from './api.js';
import { BLUETOOTH_PROFILES, hasWebBluetooth, listenToDevice, type DeviceSession } from './call/bluetooth.js';
import {
  deviceRequests,
  formatMeasurement,
  MEASUREMENT_KINDS,
  newIdentifier,
  typedRequest,
  unitLabel,
  unitsOf,
  type MeasurementKind,
} from './call/measurements.js';
import { MeasurementItem } from './MeasurementsPanel.js';

type Field = 'value' | 'systolic' | 'diastolic' | 'unit';

/** The rules' messages open with the field's path (« systolic » : …): under its own input, the label says it. */
const withoutPath = (message: string): string => {
  const rest = message.replace(/^(« [^»]+ »|"[^"]+") ?: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
};

/**
 * The assistant shares measurements in the call: typed in (checked on the page with the domain's
 * rules, then by the server), or read from a standard Bluetooth device where the browser has Web
 * Bluetooth. Each is shared at once, and listed back.
 */
export function MeasurementForm({ credential }: { credential: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<MeasurementKind>('bloodPressure');
  const [unit, setUnit] = useState(unitsOf('bloodPressure')[0]!);
  const [values, setValues] = useState<Record<'value' | 'systolic' | 'diastolic', number | ''>>({ value: '', systolic: '', diastolic: '' });
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [sent, setSent] = useState<string | null>(null);
  // One identifier per measurement being typed: a retry after a network failure is the same one.
  const identifier = useRef(newIdentifier());
  const own = useQuery({ queryKey: assistKeys.own(credential), queryFn: () => assistApi.own(credential) });
  const share = useMutation({
    mutationFn: (request: MeasurementRequest) => assistApi.share(credential, request),
    onSuccess: (measurement) => {
      setSent(
        t('teleconsultation.measurements.sent', {
          kind: t(`teleconsultation.measurements.kinds.${measurement.kind}`),
          value: formatMeasurement(measurement, i18n.language),
        }),
      );
      void queryClient.invalidateQueries({ queryKey: assistKeys.own(credential) });
    },
    onError: (error) => {
      if (error instanceof ApiProblem)
        setIssues(Object.fromEntries(error.errors.map((e) => [e.field, withoutPath(e.message ?? error.title)])));
    },
  });

  const byField = (found: readonly ReadingIssue[]) =>
    Object.fromEntries(found.map((issue) => [issue.path, withoutPath(issue.message[language])])) as Partial<Record<Field, string>>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const checked = typedRequest({ kind, unit, ...values }, identifier.current);
    if ('issues' in checked) return setIssues(byField(checked.issues));
    setIssues({});
    share.mutate(checked.request, {
      onSuccess: () => {
        identifier.current = newIdentifier();
        setValues({ value: '', systolic: '', diastolic: '' });
      },
    });
  };
  const choose = (next: MeasurementKind) => {
    setKind(next);
    setUnit(unitsOf(next)[0]!);
    setIssues({});
  };
  const number = (field: 'value' | 'systolic' | 'diastolic') => (
    <NumberInput
      label={t(`teleconsultation.measurements.${field}`)}
      value={values[field]}
      onChange={(v) =>
        setValues((s) => ({ ...s, [field]: typeof v === 'number' ? v : v === '' ? '' : Number(String(v).replace(',', '.')) }))
      }
      decimalSeparator={language === 'fr' ? ',' : '.'}
      allowNegative={false}
      hideControls
      w={130}
      error={issues[field]}
      inputMode="decimal"
    />
  );

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="share-heading">
      <Title order={2} fz="h4" id="share-heading" mb="xs">
        {t('teleconsultation.measurements.share')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('teleconsultation.measurements.shareIntro')}</Text>
        <form onSubmit={submit} noValidate>
          <Group align="start" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('teleconsultation.measurements.kind')}
              value={kind}
              onChange={(event) => choose(event.currentTarget.value as MeasurementKind)}
              data={MEASUREMENT_KINDS.map((k) => ({ value: k, label: t(`teleconsultation.measurements.kinds.${k}`) }))}
            />
            {kind === 'bloodPressure' ? (
              <>
                {number('systolic')}
                {number('diastolic')}
              </>
            ) : (
              number('value')
            )}
            <NativeSelect
              label={t('teleconsultation.measurements.unit')}
              value={unit}
              onChange={(event) => setUnit(event.currentTarget.value)}
              data={unitsOf(kind).map((u) => ({ value: u, label: unitLabel(u) }))}
              error={issues.unit}
            />
            <Button type="submit" mt={25} loading={share.isPending}>
              {t('teleconsultation.measurements.send')}
            </Button>
          </Group>
        </form>
        {share.error && !(share.error instanceof ApiProblem && share.error.errors.length > 0) ? <ErrorAlert error={share.error} /> : null}
        <div role="status" aria-live="polite">
          {sent ? <Text size="sm">{sent}</Text> : null}
        </div>
        {hasWebBluetooth() ? <BluetoothReader onRequests={(requests) => requests.forEach((request) => share.mutate(request))} /> : null}
        {own.data && own.data.length > 0 ? (
          <>
            <Title order={3} fz="h5">
              {t('teleconsultation.measurements.mine')}
            </Title>
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {[...own.data].reverse().map((m) => (
                <MeasurementItem key={m.id} measurement={m} />
              ))}
            </Stack>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Reading from a standard Bluetooth health device: the browser's chooser, then each measurement shared as it comes. */
function BluetoothReader({ onRequests }: { onRequests: (requests: MeasurementRequest[]) => void }) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<GattProfile>('bloodPressure');
  const [session, setSession] = useState<DeviceSession | null>(null);
  const [problem, setProblem] = useState<'deviceFailed' | 'deviceIssue' | null>(null);
  const [busy, setBusy] = useState(false);
  const forward = useRef(onRequests);
  useEffect(() => {
    forward.current = onRequests;
  }, [onRequests]);
  useEffect(() => () => session?.disconnect(), [session]);
  const connect = async () => {
    setProblem(null);
    setBusy(true);
    try {
      session?.disconnect();
      const next = await listenToDevice(
        profile,
        (measurement, name) => {
          const { requests, issues } = deviceRequests(measurement, name);
          if (issues.length) setProblem('deviceIssue');
          if (requests.length) forward.current(requests);
        },
        () => setProblem('deviceIssue'),
      );
      setSession(next);
    } catch {
      setProblem('deviceFailed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="bluetooth-heading">
      <Title order={3} fz="h5" id="bluetooth-heading">
        {t('teleconsultation.measurements.bluetooth')}
      </Title>
      <Text size="sm">{t('teleconsultation.measurements.bluetoothIntro')}</Text>
      <Group align="end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('teleconsultation.measurements.kind')}
          value={profile}
          onChange={(event) => setProfile(event.currentTarget.value as GattProfile)}
          data={BLUETOOTH_PROFILES.map((p) => ({ value: p, label: t(`teleconsultation.measurements.devices.${p}`) }))}
        />
        <Button variant="default" onClick={() => void connect()} loading={busy}>
          {t('teleconsultation.measurements.bluetooth')}
        </Button>
        {session ? (
          <Button
            variant="subtle"
            onClick={() => {
              session.disconnect();
              setSession(null);
            }}
          >
            {t('teleconsultation.measurements.disconnect')}
          </Button>
        ) : null}
      </Group>
      <div role="status" aria-live="polite">
        {session ? (
          <Text size="sm">
            {t('teleconsultation.measurements.listening', { name: session.name || t(`teleconsultation.measurements.devices.${profile}`) })}
          </Text>
        ) : null}
      </div>
      {problem ? (
        <Alert color="red.9" variant="light" role="alert">
          {t(`teleconsultation.measurements.${problem}`)}
        </Alert>
      ) : null}
    </Stack>
  );
}
