import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { SPECIALTIES, TREATING_DOCTOR_STATUSES, type Specialty, type TreatingDoctorStatus } from '@parcours/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, ProblemAlert } from '../../components/ProblemAlert.js';
import { ModalitySelect, PregnancySelect } from '../../components/TeleconsultationSelects.js';
import { formatDay, rulesNotYetKnown, todayInParis } from '../../components/today.js';
import { isoDate, optionalEuros } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { RecordPicker, useChosenRecord } from '../identity/RecordPicker.js';
import { useAccount } from '../identity/RequireSession.js';
import { billingApi, billingKeys, type EstimateAnswers, type Insurance } from './api.js';
import { CostBreakdown } from './CostBreakdown.js';
import { InsuranceFields, insuranceSchema } from './InsuranceFields.js';

const PRACTITIONER_KINDS = ['gp', 'specialist', 'midwife'] as const;
const REFERRALS = ['referred', 'unavailable', 'available', 'none'] as const satisfies readonly TreatingDoctorStatus[];
const SPECIALISTS = SPECIALTIES.filter((s) => s !== 'general-practice');

interface Answers {
  insurance: Insurance;
  date: string;
  modality: 'video' | 'phone';
  kind: (typeof PRACTITIONER_KINDS)[number];
  specialty: Specialty;
  sector: '1' | '2';
  feeCharged: string;
  isTreatingDoctor: boolean;
  treatingDoctor: TreatingDoctorStatus | '';
  local: boolean;
  concernsAld: boolean;
  pregnancyMonth: string;
  workAccident: boolean;
  sasReferral: boolean;
}

/** The questions, checked, as the two requests they make: the situation to save, and the estimate. */
const estimateRequest = z
  .object({
    insurance: insuranceSchema,
    date: isoDate(),
    modality: z.enum(['video', 'phone']),
    kind: z.enum(PRACTITIONER_KINDS),
    specialty: z.enum(SPECIALTIES),
    sector: z.enum(['1', '2']),
    feeCharged: optionalEuros(),
    isTreatingDoctor: z.boolean(),
    treatingDoctor: z.enum(['', ...TREATING_DOCTOR_STATUSES]),
    local: z.boolean(),
    concernsAld: z.boolean(),
    pregnancyMonth: z.string(),
    workAccident: z.boolean(),
    sasReferral: z.boolean(),
  })
  // The médecin traitant seen in person needs no referral; otherwise the referral is the question.
  .refine((a) => (a.kind !== 'midwife' && a.isTreatingDoctor) || a.treatingDoctor !== '', {
    path: ['treatingDoctor'],
    message: 'billing.estimate.referralRequired',
    // Also while other answers are wrong: every question to answer is named at once.
    when: () => true,
  })
  .transform(({ insurance, ...a }): { insurance: Insurance; answers: EstimateAnswers } => {
    const seesTreatingDoctor = a.kind !== 'midwife' && a.isTreatingDoctor;
    return {
      insurance,
      answers: {
        treatingDoctor: seesTreatingDoctor ? 'referred' : (a.treatingDoctor as TreatingDoctorStatus),
        date: a.date,
        modality: a.modality,
        concernsAld: insurance.ald && a.concernsAld,
        workAccident: a.workAccident,
        sasReferral: a.sasReferral,
        ...(a.pregnancyMonth ? { pregnancyMonth: Number(a.pregnancyMonth) } : {}),
        ...(a.feeCharged === undefined ? {} : { feeCharged: a.feeCharged }),
        practitioner: {
          profession: a.kind === 'midwife' ? 'midwife' : 'doctor',
          specialty: a.kind === 'specialist' ? a.specialty : 'general-practice',
          sector: Number(a.sector) as 1 | 2,
          isTreatingDoctor: seesTreatingDoctor,
          local: a.local,
        },
      },
    };
  });

/**
 * Before booking: will the teleconsultation be reimbursed, how much will the patient pay, and why —
 * from the record (age on the day, insurance situation) and a few plain questions.
 */
export function EstimatePage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [patient, choose] = useChosenRecord(me);
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('billing.estimate.title')}</PageTitle>
      <Text>{t('billing.estimate.intro')}</Text>
      {!patient ? (
        <Text>{t('billing.estimate.noRecords')}</Text>
      ) : (
        <>
          <RecordPicker me={me} value={patient.id} onChange={choose} label={t('billing.estimate.forWhom')} />
          <Estimate key={patient.id} patientId={patient.id} />
        </>
      )}
    </Stack>
  );
}

function Estimate({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const insurance = useQuery({ queryKey: billingKeys.insurance(patientId), queryFn: () => billingApi.insurance(patientId) });
  if (insurance.isPending) return <Loading label={t('common.loading')} />;
  if (insurance.isError) return <ErrorAlert error={insurance.error} />;
  return <Questions patientId={patientId} saved={insurance.data} />;
}

function Questions({ patientId, saved }: { patientId: string; saved: Insurance }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const initialValues: Answers = {
    insurance: saved,
    date: todayInParis(),
    modality: 'video',
    kind: 'gp',
    specialty: 'gynecology',
    sector: '1',
    feeCharged: '',
    isTreatingDoctor: false,
    treatingDoctor: saved.treatingDoctor === 'none' ? 'none' : '',
    local: true,
    concernsAld: false,
    pregnancyMonth: '',
    workAccident: false,
    sasReferral: false,
  };
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues,
    schema: estimateRequest,
    // The situation is saved in the record with the estimate that uses it: stated once, not at every booking.
    submit: async ({ insurance, answers }) => {
      const stated = queryClient.getQueryData<Insurance>(billingKeys.insurance(patientId)) ?? saved;
      if (JSON.stringify(insurance) !== JSON.stringify(stated)) {
        await billingApi.stateInsurance(patientId, insurance);
        queryClient.setQueryData(billingKeys.insurance(patientId), insurance);
      }
      return billingApi.estimate(patientId, answers);
    },
    issues: {
      date: { 'before-birth': 'billing.issues.beforeBirth' },
      treatingDoctor: { 'invalid-value': 'billing.estimate.referralRequired' },
    },
  });
  const a = form.getValues();
  const check = (key: 'isTreatingDoctor' | 'concernsAld' | 'workAccident' | 'sasReferral', description?: string) => (
    <Checkbox label={t(`billing.estimate.${key}`)} description={description} {...form.getInputProps(key, { type: 'checkbox' })} />
  );
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Paper withBorder p="md" component="section" aria-labelledby="situation-heading">
            <Title order={2} id="situation-heading" fz="h3" mb="xs">
              {t('billing.situation.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('billing.situation.hint')}
            </Text>
            <InsuranceFields form={form} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="consultation-heading">
            <Title order={2} id="consultation-heading" fz="h3" mb="xs">
              {t('billing.estimate.consultation')}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput type="date" label={t('billing.estimate.date')} {...form.getInputProps('date')} />
                <ModalitySelect label={t('billing.estimate.modality')} {...form.getInputProps('modality')} />
              </SimpleGrid>
              <Radio.Group label={t('billing.estimate.whom')} {...form.getInputProps('kind')}>
                <Group mt="xs">
                  {PRACTITIONER_KINDS.map((kind) => (
                    <Radio key={kind} value={kind} label={t(`billing.estimate.kinds.${kind}`)} />
                  ))}
                </Group>
              </Radio.Group>
              {a.kind === 'specialist' && (
                <NativeSelect
                  label={t('billing.estimate.specialty')}
                  data={SPECIALISTS.map((s) => ({ value: s, label: t(`terms.specialties.${s}`) }))}
                  maw={440}
                  {...form.getInputProps('specialty')}
                />
              )}
              {a.kind !== 'midwife' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect
                    label={t('billing.estimate.sector')}
                    data={(['1', '2'] as const).map((s) => ({ value: s, label: t(`billing.estimate.sectors.${s}`) }))}
                    {...form.getInputProps('sector')}
                  />
                  <TextInput
                    label={t('billing.estimate.feeCharged')}
                    description={t('billing.estimate.feeChargedHint')}
                    inputMode="decimal"
                    {...form.getInputProps('feeCharged')}
                  />
                </SimpleGrid>
              )}
              {a.kind !== 'midwife' && check('isTreatingDoctor')}
              {!(a.kind !== 'midwife' && a.isTreatingDoctor) && (
                <Radio.Group label={t('billing.estimate.referral')} {...form.getInputProps('treatingDoctor')}>
                  <Stack gap={6} mt="xs">
                    {REFERRALS.map((value) => (
                      <Radio key={value} value={value} label={t(`billing.estimate.referrals.${value}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              <Checkbox
                label={t('billing.estimate.local')}
                description={t('billing.estimate.localHint')}
                {...form.getInputProps('local', { type: 'checkbox' })}
              />
              {a.insurance.ald && check('concernsAld')}
              <PregnancySelect maw={440} {...form.getInputProps('pregnancyMonth')} />
              {check('workAccident')}
              {check('sasReferral')}
            </Stack>
          </Paper>
          <ProblemAlert problem={problem} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('billing.estimate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <section aria-live="polite">
        {mutation.data && (
          <Paper withBorder p="md">
            <Title order={2} id="estimate-heading" fz="h3" mb="xs">
              {t('billing.result.heading')}
            </Title>
            {rulesNotYetKnown(mutation.variables.answers.date) && (
              <Alert color="blue.9" variant="light" mb="sm" data-testid="rules-not-known">
                {t('billing.result.rulesNotKnown', { date: formatDay(mutation.variables.answers.date, i18n.language) })}
              </Alert>
            )}
            <CostBreakdown billing={mutation.data} />
          </Paper>
        )}
      </section>
    </>
  );
}
