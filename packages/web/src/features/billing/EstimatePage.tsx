import { Button, Checkbox, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { SPECIALTIES, type Specialty, type TreatingDoctorStatus } from '@parcours/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalitySelect, PregnancySelect } from '../rules/fields.js';
import { Loading } from '../../components/Loading.js';
import { parseEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { fieldError, formProblemOf, optional } from '../identity/forms.js';
import { RecordPicker, useChosenRecord } from '../identity/RecordPicker.js';
import { useAccount } from '../identity/RequireSession.js';
import { billingApi, billingKeys, type EstimateAnswers, type Insurance } from './api.js';
import { CostBreakdown } from './CostBreakdown.js';
import { InsuranceFields } from './InsuranceFields.js';
import { todayInParis } from '../../components/today.js';

const PRACTITIONER_KINDS = ['gp', 'specialist', 'midwife'] as const;
const REFERRALS = ['referred', 'unavailable', 'available', 'none'] as const satisfies readonly TreatingDoctorStatus[];
const SPECIALISTS = SPECIALTIES.filter((s) => s !== 'general-practice');

interface Answers {
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
        <Text>{t('identity.profile.noRecords')}</Text>
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
  if (insurance.isPending) return <Loading label={t('identity.common.loading')} />;
  if (insurance.isError) return <ProblemAlert problem={formProblemOf(insurance.error, t('identity.common.unexpected'))} />;
  return <Questions patientId={patientId} saved={insurance.data} />;
}

function Questions({ patientId, saved }: { patientId: string; saved: Insurance }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [insurance, setInsurance] = useState<Insurance>(saved);
  const [a, setAnswers] = useState<Answers>({
    date: todayInParis(),
    modality: 'video',
    kind: 'gp',
    specialty: 'gynecology',
    sector: '1',
    feeCharged: '',
    isTreatingDoctor: false,
    treatingDoctor: insurance.treatingDoctor === 'none' ? 'none' : '',
    local: true,
    concernsAld: false,
    pregnancyMonth: '',
    workAccident: false,
    sasReferral: false,
  });
  const set = <K extends keyof Answers>(key: K, value: Answers[K]) => setAnswers((previous) => ({ ...previous, [key]: value }));
  // The situation is saved in the record with the estimate that uses it: stated once, not at every booking.
  const estimate = useMutation({
    mutationFn: async (answers: EstimateAnswers) => {
      if (JSON.stringify(insurance) !== JSON.stringify(saved)) {
        await billingApi.stateInsurance(patientId, insurance);
        queryClient.setQueryData(billingKeys.insurance(patientId), insurance);
      }
      return billingApi.estimate(patientId, answers);
    },
  });
  const problem = formProblemOf(estimate.error, t('identity.common.unexpected'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const feeCharged = optional(a.feeCharged);
    estimate.mutate({
      date: a.date,
      modality: a.modality,
      // The médecin traitant seen in person needs no referral; the status is then moot.
      treatingDoctor: (a.isTreatingDoctor ? 'referred' : a.treatingDoctor || undefined) as TreatingDoctorStatus,
      concernsAld: insurance.ald && a.concernsAld,
      workAccident: a.workAccident,
      sasReferral: a.sasReferral,
      ...(a.pregnancyMonth ? { pregnancyMonth: Number(a.pregnancyMonth) } : {}),
      ...(feeCharged ? { feeCharged: parseEuros(feeCharged) } : {}),
      practitioner: {
        profession: a.kind === 'midwife' ? 'midwife' : 'doctor',
        specialty: a.kind === 'specialist' ? a.specialty : 'general-practice',
        sector: Number(a.sector) as 1 | 2,
        isTreatingDoctor: a.kind !== 'midwife' && a.isTreatingDoctor,
        local: a.local,
      },
    });
  };
  const shown = ['date', 'treatingDoctor', 'feeCharged', 'pregnancyMonth'];
  return (
    <>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Paper withBorder p="md" component="section" aria-labelledby="situation-heading">
            <Title order={2} id="situation-heading" fz="h3" mb="xs">
              {t('billing.situation.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('billing.situation.hint')}
            </Text>
            <InsuranceFields value={insurance} onChange={setInsurance} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="consultation-heading">
            <Title order={2} id="consultation-heading" fz="h3" mb="xs">
              {t('billing.estimate.consultation')}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="date"
                  label={t('billing.estimate.date')}
                  value={a.date}
                  onChange={(e) => set('date', e.currentTarget.value)}
                  error={fieldError(problem, 'date')}
                />
                <ModalitySelect label={t('billing.estimate.modality')} value={a.modality} onChange={(v) => set('modality', v)} />
              </SimpleGrid>
              <Radio.Group label={t('billing.estimate.whom')} value={a.kind} onChange={(v) => set('kind', v as Answers['kind'])}>
                <Group mt="xs">
                  {PRACTITIONER_KINDS.map((kind) => (
                    <Radio key={kind} value={kind} label={t(`billing.estimate.kinds.${kind}`)} />
                  ))}
                </Group>
              </Radio.Group>
              {a.kind === 'specialist' && (
                <NativeSelect
                  label={t('billing.estimate.specialty')}
                  value={a.specialty}
                  onChange={(e) => set('specialty', e.currentTarget.value as Specialty)}
                  data={SPECIALISTS.map((s) => ({ value: s, label: t(`identity.specialties.${s}`) }))}
                  maw={440}
                />
              )}
              {a.kind !== 'midwife' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect
                    label={t('billing.estimate.sector')}
                    value={a.sector}
                    onChange={(e) => set('sector', e.currentTarget.value as Answers['sector'])}
                    data={(['1', '2'] as const).map((s) => ({ value: s, label: t(`billing.estimate.sectors.${s}`) }))}
                  />
                  <TextInput
                    label={t('billing.estimate.feeCharged')}
                    description={t('billing.estimate.feeChargedHint')}
                    inputMode="decimal"
                    value={a.feeCharged}
                    onChange={(e) => set('feeCharged', e.currentTarget.value)}
                    error={fieldError(problem, 'feeCharged')}
                  />
                </SimpleGrid>
              )}
              {a.kind !== 'midwife' && (
                <Checkbox
                  label={t('billing.estimate.isTreatingDoctor')}
                  checked={a.isTreatingDoctor}
                  onChange={(e) => set('isTreatingDoctor', e.currentTarget.checked)}
                />
              )}
              {!(a.kind !== 'midwife' && a.isTreatingDoctor) && (
                <Radio.Group
                  label={t('billing.estimate.referral')}
                  value={a.treatingDoctor}
                  onChange={(v) => set('treatingDoctor', v as TreatingDoctorStatus)}
                  error={fieldError(problem, 'treatingDoctor')}
                >
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
                checked={a.local}
                onChange={(e) => set('local', e.currentTarget.checked)}
              />
              {insurance.ald && (
                <Checkbox
                  label={t('billing.estimate.concernsAld')}
                  checked={a.concernsAld}
                  onChange={(e) => set('concernsAld', e.currentTarget.checked)}
                />
              )}
              <PregnancySelect
                value={a.pregnancyMonth}
                onChange={(v) => set('pregnancyMonth', v)}
                error={fieldError(problem, 'pregnancyMonth')}
                maw={440}
              />
              <Checkbox
                label={t('billing.estimate.workAccident')}
                checked={a.workAccident}
                onChange={(e) => set('workAccident', e.currentTarget.checked)}
              />
              <Checkbox
                label={t('billing.estimate.sasReferral')}
                checked={a.sasReferral}
                onChange={(e) => set('sasReferral', e.currentTarget.checked)}
              />
            </Stack>
          </Paper>
          <ProblemAlert problem={problem} shownFields={shown} />
          <Group>
            <Button type="submit" loading={estimate.isPending}>
              {t('billing.estimate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <section aria-live="polite">
        {estimate.data && (
          <Paper withBorder p="md">
            <Title order={2} id="estimate-heading" fz="h3" mb="xs">
              {t('billing.result.heading')}
            </Title>
            <CostBreakdown billing={estimate.data} />
          </Paper>
        )}
      </section>
    </>
  );
}
