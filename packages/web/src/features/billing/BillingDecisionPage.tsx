import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { MIDWIFE_ACTS, type MidwifeAct, type Residence, type TreatingDoctorStatus } from '@parcours/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ModalitySelect, PregnancySelect, ResidenceSelect } from '../rules/fields.js';
import { Link, useParams } from 'react-router';
import { formatEuros, parseEuros } from '../../components/money.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { ReasonsAndDoubts } from '../rules/ExplainedCodes.js';
import { identityApi } from '../identity/api.js';
import { fieldError, formProblemOf, optional } from '../identity/forms.js';
import { billingApi, billingKeys, type BillingStatement, type Insurance, type TeleconsultationBilling } from './api.js';
import { patientName } from './CarePatientsPage.js';
import { BILLING_PATHS } from './paths.js';
import { todayInParis } from '../../components/today.js';

const REFERRALS = ['referred', 'unavailable', 'available', 'none'] as const satisfies readonly TreatingDoctorStatus[];

interface Statement {
  date: string;
  time: string;
  modality: 'video' | 'phone';
  completed: boolean;
  isTreatingDoctor: boolean;
  treatingDoctor: TreatingDoctorStatus;
  local: boolean;
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

/**
 * At the end of a teleconsultation, the practitioner states how the act went and gets the billing
 * decision: what to bill (code and fee), under which tiers payant, what to collect — and why.
 */
export function BillingDecisionPage() {
  const { t } = useTranslation();
  const { patientId = '' } = useParams();
  // Opening the record to bill is an access to it: the patient's history shows it.
  const patient = useQuery({ queryKey: ['identity', 'patient', patientId], queryFn: () => identityApi.patient(patientId) }).data;
  const insurance = useQuery({ queryKey: billingKeys.insurance(patientId), queryFn: () => billingApi.insurance(patientId) });
  const [s, setStatement] = useState<Statement>({
    date: todayInParis(),
    time: '',
    modality: 'video',
    completed: true,
    isTreatingDoctor: false,
    treatingDoctor: 'referred',
    local: true,
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
  });
  const set = <K extends keyof Statement>(key: K, value: Statement[K]) => setStatement((previous) => ({ ...previous, [key]: value }));
  const decide = useMutation({ mutationFn: (statement: BillingStatement) => billingApi.decide(patientId, statement) });
  const problem = formProblemOf(decide.error, t('identity.common.unexpected'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const time = optional(s.time);
    const feeCharged = optional(s.feeCharged);
    const lastInPersonVisit = optional(s.lastInPersonVisit);
    decide.mutate({
      date: s.date,
      ...(time ? { time } : {}),
      modality: s.modality,
      completed: s.completed,
      isTreatingDoctor: s.isTreatingDoctor,
      treatingDoctor: s.treatingDoctor,
      local: s.local,
      concernsAld: s.concernsAld,
      workAccident: s.workAccident,
      ...(s.pregnancyMonth ? { pregnancyMonth: Number(s.pregnancyMonth) } : {}),
      emergency: s.emergency,
      sasReferral: s.sasReferral,
      residence: s.residence,
      livesInZip: s.livesInZip,
      ...(lastInPersonVisit ? { lastInPersonVisit } : {}),
      ...(s.midwifeAct ? { midwifeAct: s.midwifeAct } : {}),
      ...(feeCharged ? { feeCharged: parseEuros(feeCharged) } : {}),
    });
  };
  const check = (
    key: 'completed' | 'isTreatingDoctor' | 'local' | 'concernsAld' | 'workAccident' | 'emergency' | 'sasReferral' | 'livesInZip',
  ) => <Checkbox label={t(`billing.decision.${key}`)} checked={s[key]} onChange={(e) => set(key, e.currentTarget.checked)} />;
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
      <Text>{t('billing.decision.intro')}</Text>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ProblemAlert problem={problem} shownFields={['date', 'time', 'feeCharged', 'lastInPersonVisit']} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                type="date"
                label={t('billing.decision.date')}
                value={s.date}
                onChange={(e) => set('date', e.currentTarget.value)}
                error={fieldError(problem, 'date')}
              />
              <TextInput
                type="time"
                label={t('billing.decision.time')}
                value={s.time}
                onChange={(e) => set('time', e.currentTarget.value)}
                error={fieldError(problem, 'time')}
              />
              <ModalitySelect label={t('billing.estimate.modality')} value={s.modality} onChange={(v) => set('modality', v)} />
            </SimpleGrid>
            {check('completed')}
            {check('isTreatingDoctor')}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('billing.decision.referral')}
                value={s.treatingDoctor}
                onChange={(e) => set('treatingDoctor', e.currentTarget.value as TreatingDoctorStatus)}
                data={REFERRALS.map((value) => ({ value, label: t(`simulator.treating.${value}`) }))}
              />
              <ResidenceSelect value={s.residence} onChange={(v) => set('residence', v)} />
            </SimpleGrid>
            {check('local')}
            {check('livesInZip')}
            {check('concernsAld')}
            {check('workAccident')}
            {check('emergency')}
            {check('sasReferral')}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PregnancySelect value={s.pregnancyMonth} onChange={(v) => set('pregnancyMonth', v)} />
              <NativeSelect
                label={t('billing.decision.midwifeAct')}
                value={s.midwifeAct}
                onChange={(e) => set('midwifeAct', e.currentTarget.value as Statement['midwifeAct'])}
                data={[
                  { value: '', label: t('billing.decision.notMidwifeAct') },
                  ...MIDWIFE_ACTS.map((value) => ({ value, label: t(`billing.decision.midwifeActs.${value}`) })),
                ]}
              />
              <TextInput
                type="date"
                label={t('billing.decision.lastInPersonVisit')}
                value={s.lastInPersonVisit}
                onChange={(e) => set('lastInPersonVisit', e.currentTarget.value)}
                error={fieldError(problem, 'lastInPersonVisit')}
              />
              <TextInput
                label={t('billing.decision.feeCharged')}
                description={t('billing.estimate.feeChargedHint')}
                inputMode="decimal"
                value={s.feeCharged}
                onChange={(e) => set('feeCharged', e.currentTarget.value)}
                error={fieldError(problem, 'feeCharged')}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={decide.isPending}>
                {t('billing.decision.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <section aria-live="polite">{decide.data && <Decision billing={decide.data} />}</section>
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
        ['tiers-payant', t('billing.decision.tiersPayant'), t(`billing.decision.tiersPayantModes.${decision.tiersPayant}`)],
        ['amo', t('simulator.amo'), euros(decision.amoAmount)],
        ['pf', t('simulator.pf'), euros(decision.participationForfaitaire)],
        ['tm', t('simulator.tm'), euros(decision.ticketModerateur)],
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
