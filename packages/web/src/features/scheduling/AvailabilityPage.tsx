import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  type NativeSelectProps,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DEPARTEMENTS, MODALITIES, SPECIALTIES } from '@parcours/domain';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Loading } from '../../components/Loading.js';
import { formatEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { todayInParis } from '../../components/today.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi, type Organisation } from '../identity/api.js';
import { useAccount } from '../identity/RequireSession.js';
import { schedulingApi, schedulingKeys, type Modality, type Opening, type Schedule } from './api.js';
import { formatters, instantAt } from './time.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The availability editor: a schedule per organisation, its weekly grid, exceptions and consultation types. */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const schedules = useQuery({ queryKey: schedulingKeys.schedules, queryFn: schedulingApi.schedules });
  const [chosen, setChosen] = useState<string | null>(null);
  const current = schedules.data?.find((s) => s.id === chosen) ?? schedules.data?.[0];
  const siteName = useSiteNames([...new Set((schedules.data ?? []).map((s) => s.organisation.id))]);
  const placeOf = (schedule: Schedule) => (schedule.siteId ? (siteName.get(schedule.siteId) ?? '…') : t('scheduling.availability.noSite'));
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('scheduling.availability.title')}</PageTitle>
      <Text>{t('scheduling.availability.intro')}</Text>
      {schedules.isPending ? (
        <Loading label={t('common.loading')} />
      ) : schedules.isError ? (
        <ErrorAlert error={schedules.error} />
      ) : (
        <>
          {schedules.data.length > 1 ? (
            <NativeSelect
              label={t('scheduling.availability.schedule')}
              value={current?.id}
              onChange={(event) => setChosen(event.currentTarget.value)}
              data={schedules.data.map((s) => ({ value: s.id, label: `${s.organisation.name} — ${placeOf(s)} (${s.timeZone})` }))}
              maw={440}
            />
          ) : null}
          {current ? (
            <Stack gap="md" key={current.id}>
              <Settings schedule={current} />
              <WeeklyGrid schedule={current} />
              <Exceptions schedule={current} />
              <ConsultationTypes schedule={current} />
            </Stack>
          ) : (
            <Text>{t('scheduling.availability.none')}</Text>
          )}
          <CreateSchedule />
        </>
      )}
    </Stack>
  );
}

/** An organisation and its sites, as its members read it (the organisation page shares it). */
const organisationQuery = (organisationId: string) => ({
  queryKey: ['identity', 'organisation', organisationId],
  queryFn: () => identityApi.organisation(organisationId),
});

/** The sites of these organisations, by id: `Site Belleville, Paris`. */
function useSiteNames(organisationIds: string[]): Map<string, string> {
  const organisations = useQueries({ queries: organisationIds.map(organisationQuery) });
  return new Map(
    organisations.flatMap((o) => (o.data?.sites ?? []).map((site) => [site.id, site.city ? `${site.name}, ${site.city}` : site.name])),
  );
}

/** The choice of a schedule's site: where in-person consultations take place, or none (remote only). */
function SiteSelect({
  organisation,
  ...input
}: { organisation: Organisation | undefined } & Omit<NativeSelectProps, 'data' | 'label' | 'description'>) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('scheduling.availability.site')}
      description={t('scheduling.availability.siteHint')}
      data={[
        { value: '', label: t('scheduling.availability.noSite') },
        ...(organisation?.sites ?? []).map((site) => ({
          value: site.id,
          label: [site.name, site.address, site.city].filter(Boolean).join(', '),
        })),
      ]}
      {...input}
    />
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: schedulingKeys.all });
}

const settingsSchema = z
  .object({
    siteId: z.string(),
    timeZone: z.string().trim().min(1, 'issues.required').max(64, 'issues.too-big'),
    territory: z.array(z.string()).max(20, 'issues.too-big'),
  })
  .transform(({ siteId, ...settings }) => ({ siteId: siteId || null, ...settings }));

function Settings({ schedule }: { schedule: Schedule }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const organisation = useQuery(organisationQuery(schedule.organisation.id));
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { siteId: schedule.siteId ?? '', timeZone: schedule.timeZone, territory: schedule.territory },
    schema: settingsSchema,
    submit: (body) => schedulingApi.updateSchedule(schedule.id, body),
    onSuccess: refresh,
    issues: { siteId: { 'unknown-site': 'scheduling.availability.unknownSite' } },
  });
  return (
    <Section id="settings-heading" title={schedule.organisation.name}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SiteSelect organisation={organisation.data} {...form.getInputProps('siteId')} />
            <TextInput label={t('scheduling.availability.timeZone')} {...form.getInputProps('timeZone')} />
            <MultiSelect
              label={t('scheduling.availability.territory')}
              data={[...DEPARTEMENTS]}
              searchable
              {...form.getInputProps('territory')}
            />
          </SimpleGrid>
          <ProblemAlert problem={problem} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('scheduling.availability.saveSettings')}
            </Button>
            {mutation.isSuccess ? <Text role="status">{t('scheduling.availability.saved')}</Text> : null}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const openingSchema = z
  .object({
    weekday: z.number().int().min(1).max(7),
    start: z.string().regex(TIME, 'issues.invalid-format'),
    end: z.string().regex(TIME, 'issues.invalid-format'),
    modalities: z.array(z.enum(MODALITIES)).min(1, 'scheduling.availability.chooseModality'),
  })
  .refine((o) => o.end > o.start, { path: ['end'], message: 'scheduling.availability.endBeforeStart' });
const weeklySchema = z.object({ openings: z.array(openingSchema).max(70, 'issues.too-big') });

/** The weekly grid: day by day, the hours and what is offered in them. */
function WeeklyGrid({ schedule }: { schedule: Schedule }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { openings: schedule.openings as Opening[] },
    schema: weeklySchema,
    submit: ({ openings }) => schedulingApi.setOpenings(schedule.id, openings),
    onSuccess: refresh,
  });
  const openings = form.getValues().openings;
  return (
    <Section id="weekly-heading" title={t('scheduling.availability.weekly')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {WEEKDAYS.map((weekday) => {
            const dayName = t(`scheduling.weekdays.${weekday}`);
            return (
              <Stack key={weekday} gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
                <Text component="legend" fw={700}>
                  {dayName}
                </Text>
                {openings.map((opening, index) =>
                  opening.weekday !== weekday ? null : (
                    <Group key={index} gap="xs" align="flex-end" wrap="wrap">
                      <TextInput
                        type="time"
                        label={t('scheduling.availability.start')}
                        w={120}
                        {...form.getInputProps(`openings.${index}.start`)}
                      />
                      <TextInput
                        type="time"
                        label={t('scheduling.availability.end')}
                        w={120}
                        {...form.getInputProps(`openings.${index}.end`)}
                      />
                      <Checkbox.Group
                        label={t('scheduling.availability.modalities')}
                        {...form.getInputProps(`openings.${index}.modalities`)}
                      >
                        <Group gap="xs" mt={4}>
                          {MODALITIES.map((m) => (
                            <Checkbox key={m} value={m} label={t(`scheduling.modality.${m}`)} />
                          ))}
                        </Group>
                      </Checkbox.Group>
                      <ActionIcon
                        variant="default"
                        size="lg"
                        onClick={() => form.removeListItem('openings', index)}
                        aria-label={t('scheduling.availability.removeOpening', { start: opening.start, end: opening.end, day: dayName })}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  ),
                )}
                <Button
                  variant="subtle"
                  size="xs"
                  w="fit-content"
                  onClick={() => form.insertListItem('openings', { weekday, start: '09:00', end: '12:00', modalities: ['video'] })}
                >
                  {t('scheduling.availability.addOpening', { day: dayName })}
                </Button>
              </Stack>
            );
          })}
          <ProblemAlert problem={problem} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('scheduling.availability.saveWeekly')}
            </Button>
            {mutation.isSuccess ? <Text role="status">{t('scheduling.availability.saved')}</Text> : null}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const exceptionSchema = (timeZone: string) =>
  z
    .object({
      kind: z.enum(['closed', 'open']),
      fromDate: z.iso.date('issues.date'),
      fromTime: z.string().regex(TIME, 'issues.invalid-format'),
      toDate: z.iso.date('issues.date'),
      toTime: z.string().regex(TIME, 'issues.invalid-format'),
      modalities: z.array(z.enum(MODALITIES)),
    })
    .refine((e) => `${e.toDate}T${e.toTime}` > `${e.fromDate}T${e.fromTime}`, {
      path: ['toTime'],
      message: 'scheduling.availability.endBeforeStart',
    })
    .transform((e) => ({
      kind: e.kind,
      startsAt: instantAt(e.fromDate, e.fromTime, timeZone),
      endsAt: instantAt(e.toDate, e.toTime, timeZone),
      modalities: e.kind === 'open' ? e.modalities : [],
    }));

function Exceptions({ schedule }: { schedule: Schedule }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const refresh = useRefresh();
  const today = todayInParis();
  const remove = useMutation({ mutationFn: (id: string) => schedulingApi.removeException(schedule.id, id), onSuccess: refresh });
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: {
      kind: 'closed',
      fromDate: today,
      fromTime: '00:00',
      toDate: today,
      toTime: '23:59',
      modalities: ['video'] as Modality[],
    },
    schema: exceptionSchema(schedule.timeZone),
    submit: (body) => schedulingApi.addException(schedule.id, body),
    onSuccess: refresh,
    issues: { startsAt: { 'overlaps-exception': 'scheduling.availability.endBeforeStart' } },
  });
  const when = (iso: string) => `${format.day(iso, schedule.timeZone)} ${format.time(iso, schedule.timeZone)}`;
  return (
    <Section id="exceptions-heading" title={t('scheduling.availability.exceptions')}>
      <Stack gap="sm">
        {schedule.exceptions.length === 0 ? (
          <Text size="sm">{t('scheduling.availability.noExceptions')}</Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {schedule.exceptions.map((e) => (
              <Group key={e.id} component="li" gap="xs">
                <Text size="sm">
                  {t(`scheduling.availability.kinds.${e.kind}`)} : {when(e.startsAt)} → {when(e.endsAt)}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red.9"
                  onClick={() => remove.mutate(e.id)}
                  aria-label={t('scheduling.availability.removeException', { from: when(e.startsAt) })}
                >
                  ×
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Radio.Group label={t('scheduling.availability.kind')} {...form.getInputProps('kind')}>
              <Group mt={4}>
                <Radio value="closed" label={t('scheduling.availability.kinds.closed')} />
                <Radio value="open" label={t('scheduling.availability.kinds.open')} />
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <TextInput
                type="date"
                label={`${t('scheduling.availability.from')} — ${t('scheduling.availability.date')}`}
                {...form.getInputProps('fromDate')}
              />
              <TextInput
                type="time"
                label={`${t('scheduling.availability.from')} — ${t('scheduling.availability.time')}`}
                {...form.getInputProps('fromTime')}
              />
              <TextInput
                type="date"
                label={`${t('scheduling.availability.to')} — ${t('scheduling.availability.date')}`}
                {...form.getInputProps('toDate')}
              />
              <TextInput
                type="time"
                label={`${t('scheduling.availability.to')} — ${t('scheduling.availability.time')}`}
                {...form.getInputProps('toTime')}
              />
            </SimpleGrid>
            {form.getValues().kind === 'open' ? (
              <Checkbox.Group label={t('scheduling.availability.modalities')} {...form.getInputProps('modalities')}>
                <Group gap="xs" mt={4}>
                  {MODALITIES.map((m) => (
                    <Checkbox key={m} value={m} label={t(`scheduling.modality.${m}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            ) : null}
            <ProblemAlert problem={problem} />
            <Button type="submit" w="fit-content" loading={mutation.isPending}>
              {t('scheduling.availability.addException')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Section>
  );
}

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'issues.invalid-format')
    .transform(Number)
    .pipe(z.number().min(min, 'issues.too-small').max(max, 'issues.too-big'));

const typeSchema = z
  .object({
    modality: z.enum(MODALITIES),
    specialty: z.enum(SPECIALTIES),
    durationMinutes: wholeNumber(5, 240),
    bufferMinutes: wholeNumber(0, 120),
    noticeHours: wholeNumber(0, 720),
    horizonDays: wholeNumber(1, 365),
    fee: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d+([.,]\d{1,2})?$/.test(v), 'issues.amount'),
  })
  .transform(({ noticeHours, fee, ...type }) => ({
    ...type,
    minimumNoticeMinutes: noticeHours * 60,
    feeCents: fee === '' ? null : Math.round(Number(fee.replace(',', '.')) * 100),
  }));

function ConsultationTypes({ schedule }: { schedule: Schedule }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const remove = useMutation({ mutationFn: (id: string) => schedulingApi.removeType(schedule.id, id), onSuccess: refresh });
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: {
      modality: 'video',
      specialty: 'general-practice',
      durationMinutes: '20',
      bufferMinutes: '0',
      noticeHours: '1',
      horizonDays: '60',
      fee: '',
    },
    schema: typeSchema,
    submit: (body) => schedulingApi.addType(schedule.id, body),
    onSuccess: refresh,
  });
  const active = schedule.types.filter((type) => type.active);
  return (
    <Section id="types-heading" title={t('scheduling.availability.types')}>
      <Stack gap="sm">
        {active.length === 0 ? (
          <Alert color="orange.9" variant="light">
            {t('scheduling.availability.noTypes')}
          </Alert>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {active.map((type) => {
              const label = t('scheduling.availability.typeLabel', {
                modality: t(`scheduling.modality.${type.modality}`),
                minutes: type.durationMinutes,
              });
              return (
                <Group key={type.id} component="li" gap="xs">
                  <Text size="sm">
                    {label} · {t(`terms.specialties.${type.specialty}`, { defaultValue: type.specialty })}
                    {type.feeCents !== null ? ` · ${formatEuros(type.feeCents / 100, i18n.language)}` : ''}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red.9"
                    onClick={() => remove.mutate(type.id)}
                    aria-label={t('scheduling.availability.removeType', { label })}
                  >
                    ×
                  </Button>
                </Group>
              );
            })}
          </Stack>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label={t('scheduling.availability.modality')}
                data={MODALITIES.map((m) => ({ value: m, label: t(`scheduling.modality.${m}`) }))}
                {...form.getInputProps('modality')}
              />
              <NativeSelect
                label={t('scheduling.availability.specialty')}
                data={SPECIALTIES.map((s) => ({ value: s, label: t(`terms.specialties.${s}`) }))}
                {...form.getInputProps('specialty')}
              />
              <TextInput inputMode="numeric" label={t('scheduling.availability.duration')} {...form.getInputProps('durationMinutes')} />
              <TextInput inputMode="numeric" label={t('scheduling.availability.buffer')} {...form.getInputProps('bufferMinutes')} />
              <TextInput inputMode="numeric" label={t('scheduling.availability.notice')} {...form.getInputProps('noticeHours')} />
              <TextInput inputMode="numeric" label={t('scheduling.availability.horizon')} {...form.getInputProps('horizonDays')} />
              <TextInput
                inputMode="decimal"
                label={t('scheduling.availability.fee')}
                description={t('scheduling.availability.feeHint')}
                {...form.getInputProps('fee')}
              />
            </SimpleGrid>
            <ProblemAlert problem={problem} />
            <Button type="submit" w="fit-content" loading={mutation.isPending}>
              {t('scheduling.availability.addType')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Section>
  );
}

const createSchema = z
  .object({ organisationId: z.string().min(1, 'issues.required'), siteId: z.string() })
  .transform(({ organisationId, siteId }) => ({ organisationId, siteId: siteId || null }));

/** A schedule in another organisation the practitioner works for, or at another of its sites. */
function CreateSchedule() {
  const { t } = useTranslation();
  const me = useAccount();
  const refresh = useRefresh();
  const organisations = me.memberships.filter((m) => m.role === 'practitioner');
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { organisationId: organisations[0]?.organisationId ?? '', siteId: '' },
    schema: createSchema,
    submit: (body) => schedulingApi.createSchedule(body),
    onSuccess: refresh,
    issues: { siteId: { 'unknown-site': 'scheduling.availability.unknownSite' } },
  });
  const organisationId = form.getValues().organisationId;
  const organisation = useQuery({ ...organisationQuery(organisationId), enabled: Boolean(organisationId) });
  if (organisations.length === 0) return null;
  return (
    <Section id="create-heading" title={t('scheduling.availability.create')}>
      <form onSubmit={onSubmit} noValidate>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('scheduling.availability.organisation')}
            data={organisations.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
            {...form.getInputProps('organisationId')}
          />
          <SiteSelect organisation={organisation.data} {...form.getInputProps('siteId')} />
          <Button type="submit" loading={mutation.isPending}>
            {t('scheduling.availability.create')}
          </Button>
        </Group>
        <ProblemAlert problem={problem} />
      </form>
    </Section>
  );
}
