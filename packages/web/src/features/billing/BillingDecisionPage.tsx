import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  MIDWIFE_ACTS,
  RESIDENCES,
  TREATING_DOCTOR_STATUSES,
  type MidwifeAct,
  type Residence,
  type TreatingDoctorStatus,
} from '@parcours/domain';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { ReasonsAndDoubts } from '../../components/ExplainedCodes.js';
import { useAccount } from '../identity/RequireSession.js';
import { formatEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { ModalitySelect, PregnancySelect, ResidenceSelect } from '../../components/TeleconsultationSelects.js';
import { todayInParis } from '../../components/today.js';
import { isoDate, optionalDate, optionalEuros, optionalText } from '../../forms/fields.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { identityApi } from '../identity/api.js';
import { billingApi, billingKeys, type BillingStatement, type Insurance, type TeleconsultationBilling } from './api.js';
import { patientName } from './CarePatientsPage.js';
import { RecordCard } from './RecordCard.js';
import { BILLING_PATHS } from './paths.js';

const REFERRALS = ['referred', 'unavailable', 'available', 'none'] as const satisfies readonly TreatingDoctorStatus[];
type Check = 'completed' | 'isTreatingDoctor' | 'livesInZip' | 'concernsAld' | 'workAccident' | 'emergency' | 'sasReferral';

interface Statement {
  date: string;
  time: string;
  modality: 'video' | 'phone';
  completed: boolean;
  isTreatingDoctor: boolean;
  /** '' until the practitioner answers: nothing is assumed about the pathway or the territory. */
  treatingDoctor: TreatingDoctorStatus | '';
  local: '' | 'yes' | 'no';
  concernsAld: boolean;
  workAccident: boolean;
  pregnancyMonth: string;
  emergency: boolean;
  sasReferral: boolean;
  residence: Residence;
  livesInZip: boolean;
  lastInPersonVisit: string;
  midwifeAct: MidwifeAct | '';
  feeCharged: string;
}

const INITIAL: Statement = {
  date: '',
  time: '',
  modality: 'video',
  completed: true,
  isTreatingDoctor: false,
  treatingDoctor: '',
  local: '',
  concernsAld: false,
  workAccident: false,
  pregnancyMonth: '',
  emergency: false,
  sasReferral: false,
  residence: 'home',
  livesInZip: false,
  lastInPersonVisit: '',
  midwifeAct: '',
  feeCharged: '',
};

/** The statement as the API takes it: what was left empty is left out. */
const statement = z
  .object({
    date: isoDate(),
    time: optionalText(5).refine((time) => time === undefined || /^\d{2}:\d{2}$/.test(time), 'billing.decision.timeInvalid'),
    modality: z.enum(['video', 'phone']),
    completed: z.boolean(),
    isTreatingDoctor: z.boolean(),
    treatingDoctor: z.enum(['', ...TREATING_DOCTOR_STATUSES]),
    local: z.enum(['', 'yes', 'no']).refine((answer) => answer !== '', 'issues.choose'),
    concernsAld: z.boolean(),
    workAccident: z.boolean(),
    pregnancyMonth: z.string(),
    emergency: z.boolean(),
    sasReferral: z.boolean(),
    residence: z.enum(RESIDENCES),
    livesInZip: z.boolean(),
    lastInPersonVisit: optionalDate(),
    midwifeAct: z.enum(['', ...MIDWIFE_ACTS]),
    feeCharged: optionalEuros(),
  })
  // The treating doctor seeing their own patient needs no referral; otherwise the referral is the question.
  // Checked even while other answers are missing, so that an empty form names every one at once.
  .refine((s) => s.isTreatingDoctor || s.treatingDoctor !== '', { path: ['treatingDoctor'], message: 'issues.choose', when: () => true })
  .transform(({ time, pregnancyMonth, lastInPersonVisit, midwifeAct, feeCharged, treatingDoctor, local, ...facts }): BillingStatement => ({
    ...facts,
    treatingDoctor: facts.isTreatingDoctor || treatingDoctor === '' ? 'referred' : treatingDoctor,
    local: local === 'yes',
    ...(time ? { time } : {}),
    ...(pregnancyMonth ? { pregnancyMonth: Number(pregnancyMonth) } : {}),
    ...(lastInPersonVisit ? { lastInPersonVisit } : {}),
    ...(midwifeAct ? { midwifeAct } : {}),
    ...(feeCharged === undefined ? {} : { feeCharged }),
  }));

/**
 * At the end of a teleconsultation, the practitioner states how the act went and gets the billing
 * decision: what to bill (code and fee), under which tiers payant, what to collect — and why.
 */
export function BillingDecisionPage() {
  const { t } = useTranslation();
  const { patientId = '' } = useParams();
  const me = useAccount();
  // Opening the record to bill is an access to it: the patient's history shows it.
  const patient = useQuery({ queryKey: ['identity', 'patient', patientId], queryFn: () => identityApi.patient(patientId) }).data;
  const insurance = useQuery({ queryKey: billingKeys.insurance(patientId), queryFn: () => billingApi.insurance(patientId) });
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: { ...INITIAL, date: todayInParis() },
    schema: statement,
    submit: (body) => billingApi.decide(patientId, body),
    issues: { date: { 'before-birth': 'billing.issues.beforeBirth' } },
  });
  const check = (key: Check) => <Checkbox label={t(`billing.decision.${key}`)} {...form.getInputProps(key, { type: 'checkbox' })} />;
  const facts = form.getValues();
  // What cannot apply is not asked: a pregnancy, for a man; a midwife's act, for anyone but a midwife.
  const mayBePregnant = patient?.sex !== 'M';
  const isMidwife = me.practitioner?.profession === 'midwife';
  return (
    <Stack gap="md" maw={960}>
      <PageTitle>{t('billing.decision.title')}</PageTitle>
      <Anchor component={Link} to={BILLING_PATHS.carePatients}>
        {t('billing.decision.back')}
      </Anchor>
      {patient && (
        <Text fw={700} data-testid="billed-patient">
          {t('billing.decision.patient', { name: patientName(patient) })}
        </Text>
      )}
      {insurance.data && <Text data-testid="stated-insurance">{statedInsurance(insurance.data, t)}</Text>}
      <StoredRecords patientId={patientId} />
      <Text>{t('billing.decision.intro')}</Text>
      <Paper withBorder p="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <ProblemAlert problem={problem} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput type="date" label={t('billing.decision.date')} {...form.getInputProps('date')} />
              <TextInput type="time" label={t('billing.decision.time')} {...form.getInputProps('time')} />
              <ModalitySelect label={t('billing.estimate.modality')} {...form.getInputProps('modality')} />
            </SimpleGrid>
            {check('completed')}
            {check('isTreatingDoctor')}
            {!facts.isTreatingDoctor && (
              <Radio.Group label={t('billing.decision.referral')} {...form.getInputProps('treatingDoctor')}>
                <Group mt="xs">
                  {REFERRALS.map((value) => (
                    <Radio key={value} value={value} label={t(`terms.treating.${value}`)} />
                  ))}
                </Group>
              </Radio.Group>
            )}
            <Radio.Group label={t('billing.decision.localQuestion')} {...form.getInputProps('local')}>
              <Group mt="xs">
                <Radio value="yes" label={t('common.yes')} />
                <Radio value="no" label={t('common.no')} />
              </Group>
            </Radio.Group>
            <ResidenceSelect maw={440} {...form.getInputProps('residence')} />
            {check('livesInZip')}
            {check('concernsAld')}
            {check('workAccident')}
            {check('emergency')}
            {check('sasReferral')}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {mayBePregnant && <PregnancySelect {...form.getInputProps('pregnancyMonth')} />}
              {isMidwife && (
                <NativeSelect
                  label={t('billing.decision.midwifeAct')}
                  data={[
                    { value: '', label: t('terms.notMidwifeAct') },
                    ...MIDWIFE_ACTS.map((value) => ({ value, label: t(`terms.midwifeActs.${value}`) })),
                  ]}
                  {...form.getInputProps('midwifeAct')}
                />
              )}
              <TextInput type="date" label={t('billing.decision.lastInPersonVisit')} {...form.getInputProps('lastInPersonVisit')} />
              <TextInput
                label={t('billing.decision.feeCharged')}
                description={t('billing.estimate.feeChargedHint')}
                inputMode="decimal"
                {...form.getInputProps('feeCharged')}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('billing.decision.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <section aria-live="polite">{mutation.data && <Decision billing={mutation.data} />}</section>
    </Stack>
  );
}

/** What the patient stated of their insurance, in one sentence: the decision reads it from the record. */
function statedInsurance(insurance: Insurance, t: TFunction): string {
  const unstated = t('billing.decision.unstated');
  return t('billing.decision.statedInsurance', {
    treatingDoctor: insurance.treatingDoctor ? t(`billing.situation.declarations.${insurance.treatingDoctor}`) : unstated,
    ald: t(`billing.situation.declarations.${insurance.ald ? 'declared' : 'none'}`),
    cover: insurance.cover ? t(`billing.situation.covers.${insurance.cover}`) : unstated,
  });
}

function Decision({ billing }: { billing: TeleconsultationBilling }) {
  const { t, i18n } = useTranslation();
  const euros = (amount: number | null) => formatEuros(amount, i18n.language);
  const { decision, share } = billing;
  const headline = !decision.billable
    ? t('billing.decision.doNotBill')
    : t(decision.reimbursable ? 'billing.decision.bill' : 'billing.decision.billNotReimbursed', {
        code: decision.code,
        amount: euros(share.charged),
      });
  const rows: [string, string, string][] = decision.billable
    ? [
        ['code', t('billing.decision.code'), decision.code ?? '—'],
        ['fee', t('billing.decision.fee'), euros(decision.fee)],
        ['tiers-payant', t('billing.decision.tiersPayant'), t(`terms.tiersPayantModes.${decision.tiersPayant}`)],
        ['amo', t('terms.amo'), euros(decision.amoAmount)],
        ['pf', t('terms.pf'), euros(decision.participationForfaitaire)],
        ['tm', t('terms.tm'), euros(decision.ticketModerateur)],
        ['collect', t('billing.decision.collect'), euros(share.advance)],
      ]
    : [];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} fz="h3">
          {t('billing.decision.heading')}
        </Title>
        <Alert
          color={decision.billable ? (decision.reimbursable ? 'green.9' : 'orange.9') : 'red.9'}
          variant="light"
          data-testid="billing-headline"
        >
          {headline}
        </Alert>
        {rows.length > 0 && (
          <Table maw={560}>
            <Table.Tbody>
              {rows.map(([key, label, value]) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td data-testid={`billing-${key}`}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {share.advanceWithAmoTiersPayant !== null && (
          <Text size="sm">{t('billing.decision.collectWithTiersPayant', { amount: euros(share.advanceWithAmoTiersPayant) })}</Text>
        )}
        <ReasonsAndDoubts decision={decision} why={t('billing.result.why')} doubts={t('billing.result.doubts')} />
      </Stack>
    </Paper>
  );
}

/** The acts recorded for this patient when they ended (the practitioner's own): each record as it stands. */
function StoredRecords({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const records = useQuery({ queryKey: billingKeys.records(patientId), queryFn: () => billingApi.patientRecords(patientId) });
  return (
    <Stack gap="sm" component="section" aria-labelledby="recorded-acts">
      <Title order={2} fz="h3" id="recorded-acts">
        {t('billing.record.heading')}
      </Title>
      <Text size="sm">{t('billing.record.intro')}</Text>
      {records.data?.length === 0 && <Text c="dimmed">{t('billing.record.none')}</Text>}
      {records.data?.map((record) => (
        <RecordCard key={record.id} record={record} />
      ))}
    </Stack>
  );
}
