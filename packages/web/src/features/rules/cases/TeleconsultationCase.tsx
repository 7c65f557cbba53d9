import { Checkbox, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import {
  COVERAGES,
  MIDWIFE_ACTS,
  SPECIALTIES,
  TREATING_DOCTOR_STATUSES,
  type Coverage,
  type MidwifeAct,
  type Residence,
  type Specialty,
  type TeleconsultationRequest,
  type TreatingDoctorStatus,
} from '@parcours/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalitySelect, PregnancySelect, ResidenceSelect } from '../fields.js';
import { Evaluated } from '../Evaluated.js';

interface Case {
  date: string;
  time: string;
  modality: 'video' | 'phone';
  completed: boolean;
  profession: 'doctor' | 'midwife';
  specialty: Specialty;
  sector: '1' | '2';
  optam: boolean;
  isTreatingDoctor: boolean;
  local: boolean;
  company: '' | 'approved' | 'not-approved';
  age: number;
  treatingDoctor: TreatingDoctorStatus;
  residence: Residence;
  livesInZip: boolean;
  coverage: Coverage[];
  pregnancyMonth: string;
  participationsPaidThisYear: number;
  lastInPersonVisit: string;
  emergency: boolean;
  sasReferral: boolean;
  midwifeAct: MidwifeAct | '';
  feeCharged: number | '';
}

/** Every field of the contract's teleconsultation request, in the professional's words. */
export function TeleconsultationCase({ today }: { today: string }) {
  const { t } = useTranslation();
  const [c, setCase] = useState<Case>({
    date: today,
    time: '',
    modality: 'video',
    completed: true,
    profession: 'doctor',
    specialty: 'general-practice',
    sector: '1',
    optam: false,
    isTreatingDoctor: false,
    local: true,
    company: '',
    age: 35,
    treatingDoctor: 'referred',
    residence: 'home',
    livesInZip: false,
    coverage: [],
    pregnancyMonth: '',
    participationsPaidThisYear: 0,
    lastInPersonVisit: '',
    emergency: false,
    sasReferral: false,
    midwifeAct: '',
    feeCharged: '',
  });
  const set = <K extends keyof Case>(key: K, value: Case[K]) => setCase((previous) => ({ ...previous, [key]: value }));
  const check = (key: 'completed' | 'optam' | 'isTreatingDoctor' | 'local' | 'livesInZip' | 'emergency' | 'sasReferral') => (
    <Checkbox label={t(`simulator.${key}`)} checked={c[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
  );
  const isMidwife = c.profession === 'midwife';
  const request = useMemo<TeleconsultationRequest>(
    () => ({
      kind: 'teleconsultation',
      date: c.date,
      ...(c.time ? { time: c.time } : {}),
      modality: c.modality,
      completed: c.completed,
      practitioner: {
        profession: c.profession,
        ...(isMidwife ? {} : { specialty: c.specialty }),
        sector: Number(c.sector) as 1 | 2,
        optam: c.optam,
        isTreatingDoctor: !isMidwife && c.isTreatingDoctor,
        local: c.local,
        ...(c.company ? { company: { approved: c.company === 'approved' } } : {}),
      },
      patient: {
        age: c.age,
        treatingDoctor: c.treatingDoctor,
        residence: c.residence,
        livesInZip: c.livesInZip,
        coverage: c.coverage,
        ...(c.pregnancyMonth ? { pregnancyMonth: Number(c.pregnancyMonth) } : {}),
        participationsPaidThisYear: c.participationsPaidThisYear,
        ...(c.lastInPersonVisit ? { lastInPersonVisit: c.lastInPersonVisit } : {}),
      },
      context: {
        emergency: c.emergency,
        sasReferral: c.sasReferral,
        ...(isMidwife && c.midwifeAct ? { midwifeAct: c.midwifeAct } : {}),
        ...(c.feeCharged === '' ? {} : { feeCharged: c.feeCharged }),
      },
    }),
    [c, isMidwife],
  );

  return (
    <Stack>
      <Fieldset legend={t('simulator.act')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('simulator.date')} value={c.date} onChange={(e) => set('date', e.currentTarget.value)} />
          <TextInput type="time" label={t('simulator.time')} value={c.time} onChange={(e) => set('time', e.currentTarget.value)} />
          <ModalitySelect label={t('simulator.modality')} value={c.modality} onChange={(v) => set('modality', v)} />
        </SimpleGrid>
        <Group mt="sm">
          {check('completed')}
          {check('emergency')}
          {check('sasReferral')}
        </Group>
      </Fieldset>
      <Fieldset legend={t('simulator.practitioner')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('simulator.profession')}
            value={c.profession}
            onChange={(e) => set('profession', e.currentTarget.value as Case['profession'])}
            data={(['doctor', 'midwife'] as const).map((p) => ({ value: p, label: t(`identity.professions.${p}`) }))}
          />
          {isMidwife ? (
            <NativeSelect
              label={t('simulator.midwifeAct')}
              value={c.midwifeAct}
              onChange={(e) => set('midwifeAct', e.currentTarget.value as Case['midwifeAct'])}
              data={[
                { value: '', label: t('billing.decision.notMidwifeAct') },
                ...MIDWIFE_ACTS.map((a) => ({ value: a, label: t(`billing.decision.midwifeActs.${a}`) })),
              ]}
            />
          ) : (
            <NativeSelect
              label={t('simulator.specialty')}
              value={c.specialty}
              onChange={(e) => set('specialty', e.currentTarget.value as Specialty)}
              data={SPECIALTIES.map((s) => ({ value: s, label: t(`identity.specialties.${s}`) }))}
            />
          )}
          <NativeSelect
            label={t('simulator.sector')}
            value={c.sector}
            onChange={(e) => set('sector', e.currentTarget.value as Case['sector'])}
            data={['1', '2']}
          />
          <NativeSelect
            label={t('simulator.company')}
            value={c.company}
            onChange={(e) => set('company', e.currentTarget.value as Case['company'])}
            data={(['', 'approved', 'not-approved'] as const).map((v) => ({ value: v, label: t(`simulator.companies.${v || 'none'}`) }))}
          />
          <NumberInput
            label={t('simulator.feeCharged')}
            min={0}
            max={10_000}
            decimalScale={2}
            decimalSeparator=","
            value={c.feeCharged}
            onChange={(v) => set('feeCharged', typeof v === 'number' ? v : '')}
          />
        </SimpleGrid>
        <Group mt="sm">
          {check('optam')}
          {!isMidwife && check('isTreatingDoctor')}
          {check('local')}
        </Group>
      </Fieldset>
      <Fieldset legend={t('simulator.patient')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('simulator.age')}
            min={0}
            max={130}
            value={c.age}
            onChange={(v) => set('age', typeof v === 'number' ? v : 0)}
          />
          <NativeSelect
            label={t('simulator.treatingDoctor')}
            value={c.treatingDoctor}
            onChange={(e) => set('treatingDoctor', e.currentTarget.value as TreatingDoctorStatus)}
            data={TREATING_DOCTOR_STATUSES.map((s) => ({ value: s, label: t(`simulator.treating.${s}`) }))}
          />
          <ResidenceSelect value={c.residence} onChange={(v) => set('residence', v)} />
          <PregnancySelect value={c.pregnancyMonth} onChange={(v) => set('pregnancyMonth', v)} />
          <NumberInput
            label={t('simulator.participationsPaid')}
            min={0}
            max={1000}
            decimalScale={2}
            decimalSeparator=","
            value={c.participationsPaidThisYear}
            onChange={(v) => set('participationsPaidThisYear', typeof v === 'number' ? v : 0)}
          />
          <TextInput
            type="date"
            label={t('simulator.lastInPersonVisit')}
            value={c.lastInPersonVisit}
            onChange={(e) => set('lastInPersonVisit', e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group mt="sm">{check('livesInZip')}</Group>
        <Checkbox.Group label={t('simulator.coverage')} value={c.coverage} onChange={(v) => set('coverage', v as Coverage[])} mt="sm">
          <Group mt="xs">
            {COVERAGES.map((k) => (
              <Checkbox key={k} value={k} label={t(`simulator.coverages.${k}`)} />
            ))}
          </Group>
        </Checkbox.Group>
      </Fieldset>
      <Evaluated request={request} />
    </Stack>
  );
}
