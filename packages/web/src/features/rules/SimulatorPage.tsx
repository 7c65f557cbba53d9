import { Badge, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { evaluate, SPECIALTIES, type RulesCode, type Specialty } from '@parcours/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../../components/money.js';
import { ExplainedCodes } from './ExplainedCodes.js';

const TREATING = ['referred', 'available', 'unavailable', 'none'] as const;
const COVERAGE = ['ald', 'maternity', 'at-mp', 'css', 'ame'] as const;

interface Case {
  date: string;
  modality: 'video' | 'phone';
  specialty: Specialty;
  sector: '1' | '2';
  isTreatingDoctor: boolean;
  local: boolean;
  age: number;
  treatingDoctor: (typeof TREATING)[number];
  coverage: (typeof COVERAGE)[number][];
  emergency: boolean;
  sasReferral: boolean;
}

/**
 * A professional tries any teleconsultation case and sees what the Assurance Maladie pays and why.
 * The rules run in the browser: `evaluate` is pure, the same function the server uses.
 */
export function SimulatorPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const [c, setCase] = useState<Case>({
    date: new Date().toISOString().slice(0, 10),
    modality: 'video',
    specialty: 'general-practice',
    sector: '1',
    isTreatingDoctor: false,
    local: true,
    age: 35,
    treatingDoctor: 'referred',
    coverage: [],
    emergency: false,
    sasReferral: false,
  });
  const set = <K extends keyof Case>(key: K, value: Case[K]) => setCase((previous) => ({ ...previous, [key]: value }));
  const result = useMemo(() => {
    try {
      return {
        decision: evaluate({
          kind: 'teleconsultation',
          date: c.date,
          modality: c.modality,
          practitioner: {
            profession: 'doctor',
            specialty: c.specialty,
            sector: Number(c.sector) as 1 | 2,
            isTreatingDoctor: c.isTreatingDoctor,
            local: c.local,
          },
          patient: { age: c.age, treatingDoctor: c.treatingDoctor, coverage: c.coverage },
          context: { emergency: c.emergency, sasReferral: c.sasReferral },
        }),
        error: null,
      };
    } catch (error) {
      return { decision: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [c]);
  const decision = result.decision as null | {
    reimbursable: boolean;
    billable: boolean;
    code: string | null;
    fee: number | null;
    amoAmount: number;
    participationForfaitaire: number;
    ticketModerateur: number;
    reasons: RulesCode[];
    warnings: RulesCode[];
  };

  return (
    <Stack maw={960}>
      <Title order={1}>{t('simulator.heading')}</Title>
      <Text>{t('simulator.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('simulator.date')} value={c.date} onChange={(e) => set('date', e.currentTarget.value)} />
        <Select
          label={t('simulator.modality')}
          value={c.modality}
          allowDeselect={false}
          onChange={(v) => v && set('modality', v as Case['modality'])}
          data={[
            { value: 'video', label: t('simulator.video') },
            { value: 'phone', label: t('simulator.phone') },
          ]}
        />
        <Select
          label={t('simulator.specialty')}
          value={c.specialty}
          allowDeselect={false}
          onChange={(v) => v && set('specialty', v as Case['specialty'])}
          data={SPECIALTIES.map((s) => ({ value: s, label: t(`identity.specialties.${s}`) }))}
        />
        <Select
          label={t('simulator.sector')}
          value={c.sector}
          allowDeselect={false}
          onChange={(v) => v && set('sector', v as Case['sector'])}
          data={['1', '2']}
        />
        <NumberInput
          label={t('simulator.age')}
          min={0}
          max={120}
          value={c.age}
          onChange={(v) => set('age', typeof v === 'number' ? v : 0)}
        />
        <Select
          label={t('simulator.treatingDoctor')}
          value={c.treatingDoctor}
          allowDeselect={false}
          onChange={(v) => v && set('treatingDoctor', v as Case['treatingDoctor'])}
          data={TREATING.map((s) => ({ value: s, label: t(`simulator.treating.${s}`) }))}
        />
      </SimpleGrid>
      <Group>
        <Checkbox
          label={t('simulator.isTreatingDoctor')}
          checked={c.isTreatingDoctor}
          onChange={(e) => set('isTreatingDoctor', e.currentTarget.checked)}
        />
        <Checkbox label={t('simulator.local')} checked={c.local} onChange={(e) => set('local', e.currentTarget.checked)} />
        <Checkbox label={t('simulator.emergency')} checked={c.emergency} onChange={(e) => set('emergency', e.currentTarget.checked)} />
        <Checkbox
          label={t('simulator.sasReferral')}
          checked={c.sasReferral}
          onChange={(e) => set('sasReferral', e.currentTarget.checked)}
        />
      </Group>
      <Checkbox.Group label={t('simulator.coverage')} value={c.coverage} onChange={(v) => set('coverage', v as Case['coverage'])}>
        <Group mt="xs">
          {COVERAGE.map((k) => (
            <Checkbox key={k} value={k} label={t(`simulator.coverages.${k}`)} />
          ))}
        </Group>
      </Checkbox.Group>

      <section aria-labelledby="decision-heading" aria-live="polite">
        <Title order={2} id="decision-heading" mb="sm">
          {t('simulator.decision')}
        </Title>
        {result.error || !decision ? (
          <Text role="alert">{result.error}</Text>
        ) : (
          <Stack>
            <Group>
              <Badge color={decision.reimbursable ? 'green.9' : 'red.9'} data-testid="reimbursable">
                {decision.reimbursable ? t('simulator.reimbursable') : t('simulator.notReimbursable')}
              </Badge>
              {decision.code && <Badge color="gray.7">{decision.code}</Badge>}
            </Group>
            <Table>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{t('simulator.fee')}</Table.Th>
                  <Table.Td>{formatEuros(decision.fee, language)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('simulator.amo')}</Table.Th>
                  <Table.Td data-testid="amo">{formatEuros(decision.amoAmount, language)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('simulator.pf')}</Table.Th>
                  <Table.Td>{formatEuros(decision.participationForfaitaire, language)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('simulator.tm')}</Table.Th>
                  <Table.Td>{formatEuros(decision.ticketModerateur, language)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Title order={3} fz="md">
              {t('simulator.why')}
            </Title>
            <ExplainedCodes codes={decision.reasons} />
            {decision.warnings.length > 0 && (
              <>
                <Title order={3} fz="md">
                  {t('simulator.doubts')}
                </Title>
                <ExplainedCodes codes={decision.warnings} />
              </>
            )}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
