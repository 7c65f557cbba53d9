import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { gattReadings, type GattMeasurement, type GattProfile } from '@parcours/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { hasWebBluetooth, listenToDevice, type DeviceSession } from '../teleconsultation/call/bluetooth.js';
import { telemonitoringApi, telemonitoringKeys, type ManualReading, type ReadingKind } from './api.js';

/** What a `datetime-local` input holds for an instant (now by default), on this device's clock. */
function localNow(at = new Date()): string {
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The standard Bluetooth device (GATT profile) each kind is read from; the others are typed in. */
const PROFILE_OF: Partial<Record<ReadingKind, GattProfile>> = {
  bodyWeight: 'weightScale',
  bloodPressure: 'bloodPressure',
  heartRate: 'bloodPressure',
  spo2: 'pulseOximeter',
  glucose: 'glucose',
  bodyTemperature: 'healthThermometer',
};

const number = z.union([z.number(), z.literal('')]);
const schema = z
  .object({
    kind: z.string(),
    value: number,
    systolic: number,
    diastolic: number,
    effective: z.string().refine((value) => Number.isFinite(Date.parse(value)), 'issues.required'),
  })
  .superRefine((values, context) => {
    const fields = values.kind === 'bloodPressure' ? (['systolic', 'diastolic'] as const) : (['value'] as const);
    for (const field of fields) if (values[field] === '') context.addIssue({ code: 'custom', path: [field], message: 'issues.required' });
  })
  .transform((values): Omit<ManualReading, 'identifier' | 'unit'> => ({
    kind: values.kind as ReadingKind,
    // The device's clock and zone make the offset: an instant, as the server wants it.
    effective: Number.isFinite(Date.parse(values.effective)) ? new Date(values.effective).toISOString() : values.effective,
    ...(values.kind === 'bloodPressure'
      ? { systolic: Number(values.systolic), diastolic: Number(values.diastolic) }
      : { value: Number(values.value) }),
  }));

/**
 * A reading typed in by the patient: the kinds their programme expects, in the programme's units.
 * Each sending carries its own identifier, so that a double tap or a retry counts once.
 */
export function ReadingForm({ patientId, kinds }: { patientId: string; kinds: readonly ReadingKind[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [identifier, setIdentifier] = useState(() => crypto.randomUUID());
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: {
      kind: kinds[0] ?? 'bodyWeight',
      value: '' as number | '',
      systolic: '' as number | '',
      diastolic: '' as number | '',
      effective: localNow(),
    },
    schema,
    submit: (body) =>
      telemonitoringApi.enterReading(patientId, { ...body, identifier, unit: t(`telemonitoring.units.${body.kind}`) || '{grade}' }),
    onSuccess: async () => {
      setSaved(true);
      setIdentifier(crypto.randomUUID());
      form.setValues({ value: '', systolic: '', diastolic: '' });
      await queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all });
    },
  });
  const kind = form.getValues().kind as ReadingKind;
  const unit = t(`telemonitoring.units.${kind}`);
  const bluetooth = useBluetoothReading(kind, (reading) => {
    setSaved(false);
    form.setValues({
      kind: reading.kind,
      effective: localNow(new Date(reading.at)),
      ...(reading.kind === 'bloodPressure'
        ? { systolic: reading.systolic, diastolic: reading.diastolic }
        : { value: Math.round(reading.value * 100) / 100 }),
    });
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reading-entry">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="reading-entry">
            {t('telemonitoring.entry.title')}
          </Title>
          <NativeSelect
            label={t('telemonitoring.entry.kind')}
            data={kinds.map((k) => ({ value: k, label: t(`telemonitoring.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
            onChange={(event) => {
              form.setFieldValue('kind', event.currentTarget.value as ReadingKind);
              setSaved(false);
            }}
          />
          {kind === 'bloodPressure' ? (
            <Group grow align="flex-start">
              <NumberInput
                label={t('telemonitoring.entry.systolic')}
                min={0}
                max={400}
                decimalScale={0}
                {...form.getInputProps('systolic')}
              />
              <NumberInput
                label={t('telemonitoring.entry.diastolic')}
                min={0}
                max={300}
                decimalScale={0}
                {...form.getInputProps('diastolic')}
              />
            </Group>
          ) : (
            <NumberInput
              label={unit ? t('telemonitoring.entry.value', { unit }) : t(`telemonitoring.kinds.${kind}`)}
              min={0}
              max={10_000}
              decimalScale={2}
              decimalSeparator={i18n.language === 'en' ? '.' : ','}
              {...form.getInputProps('value')}
            />
          )}
          <TextInput type="datetime-local" label={t('telemonitoring.entry.when')} {...form.getInputProps('effective')} />
          {bluetooth.available && PROFILE_OF[kind] ? (
            <Group>
              <Button variant="default" onClick={bluetooth.read} loading={bluetooth.reading}>
                {t('telemonitoring.bluetooth.read')}
              </Button>
            </Group>
          ) : null}
          {bluetooth.message ? (
            <Alert color={bluetooth.message.ok ? 'blue.8' : 'red.9'} variant="light" role={bluetooth.message.ok ? 'status' : 'alert'}>
              {bluetooth.message.text}
            </Alert>
          ) : null}
          <ProblemAlert problem={problem} />
          {saved && !mutation.isPending ? (
            <Alert color="green.9" variant="light" role="status">
              {t('telemonitoring.entry.saved')}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('telemonitoring.entry.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type ReadReading = ReturnType<typeof gattReadings>[number] & { ok: true };

/**
 * Web Bluetooth on the patient's phone, where the browser has it: the device of the chosen kind's
 * profile, its first measurement parsed by the domain's GATT parsers and normalised as a reading,
 * handed to the form for the patient to check and send. The device is let go once read.
 */
function useBluetoothReading(kind: ReadingKind, onReading: (reading: ReadReading['reading']) => void) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const [available] = useState(hasWebBluetooth);
  const [reading, setReading] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const session = useRef<DeviceSession | null>(null);
  // Still waiting for the device's measurement (it may come before the subscription resolves).
  const pending = useRef(false);
  const deliver = useRef(onReading);
  useEffect(() => {
    deliver.current = onReading;
  });
  useEffect(() => () => session.current?.disconnect(), []);

  const onMeasurement = (measurement: GattMeasurement, deviceName: string) => {
    const parsed = gattReadings(measurement, { identifier: crypto.randomUUID(), receivedAt: new Date(), now: new Date() });
    // The kind asked for, else the first the device gave (a cuff gives the pressure and the pulse).
    const chosen = parsed.find((p) => p.ok && p.reading.kind === kind) ?? parsed.find((p) => p.ok);
    if (chosen?.ok) {
      deliver.current(chosen.reading);
      setMessage({ ok: true, text: t('telemonitoring.bluetooth.done', { device: deviceName || t('telemonitoring.bluetooth.device') }) });
    } else {
      const issue = parsed.find((p) => !p.ok);
      setMessage({ ok: false, text: issue && !issue.ok ? issue.issues[0]!.message[language] : t('telemonitoring.bluetooth.failed') });
    }
    pending.current = false;
    session.current?.disconnect();
    session.current = null;
    setReading(false);
  };

  const read = async () => {
    const profile = PROFILE_OF[kind];
    if (!profile) return;
    setMessage(null);
    setReading(true);
    session.current?.disconnect();
    pending.current = true;
    try {
      const opened = await listenToDevice(profile, onMeasurement, (issues) => {
        setMessage({ ok: false, text: issues[0]?.message[language] ?? t('telemonitoring.bluetooth.failed') });
        setReading(false);
      });
      if (!pending.current) return opened.disconnect();
      session.current = opened;
      setMessage({ ok: true, text: t('telemonitoring.bluetooth.waiting') });
    } catch (error) {
      pending.current = false;
      // Closing the browser's chooser is no failure to report.
      const cancelled = error instanceof DOMException && error.name === 'NotFoundError';
      setMessage(cancelled ? null : { ok: false, text: t('telemonitoring.bluetooth.failed') });
      setReading(false);
    }
  };
  return { available, reading, message, read: () => void read() };
}
