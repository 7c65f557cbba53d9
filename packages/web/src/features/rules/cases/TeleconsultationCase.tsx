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
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalitySelect, PregnancySelect, ResidenceSelect } from '../../../components/TeleconsultationSelects.js';
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
  const form = useForm<Case>({
    mode: 'controlled',
    initialValues: {
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
    },
  });
  const c = form.getValues();
  const input = form.getInputProps;
  const check = (key: 'completed' | 'optam' | 'isTreatingDoctor' | 'local' | 'livesInZip' | 'emergency' | 'sasReferral') => (
    <Checkbox label={t(`rules.${key}`)} {...input(key, { type: 'checkbox' })} />
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
      <Fieldset legend={t('rules.act')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('rules.date')} {...input('date')} />
          <TextInput type="time" label={t('rules.time')} {...input('time')} />
          <ModalitySelect label={t('rules.modality')} {...input('modality')} />
        </SimpleGrid>
        <Group mt="sm">
          {check('completed')}
          {check('emergency')}
          {check('sasReferral')}
        </Group>
      </Fieldset>
      <Fieldset legend={t('rules.practitioner')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('rules.profession')}
            {...input('profession')}
            data={(['doctor', 'midwife'] as const).map((p) => ({ value: p, label: t(`terms.professions.${p}`) }))}
          />
          {isMidwife ? (
            <NativeSelect
              label={t('rules.midwifeAct')}
              {...input('midwifeAct')}
              data={[
                { value: '', label: t('terms.notMidwifeAct') },
                ...MIDWIFE_ACTS.map((a) => ({ value: a, label: t(`terms.midwifeActs.${a}`) })),
              ]}
            />
          ) : (
            <NativeSelect
              label={t('rules.specialty')}
              {...input('specialty')}
              data={SPECIALTIES.map((s) => ({ value: s, label: t(`terms.specialties.${s}`) }))}
            />
          )}
          <NativeSelect label={t('rules.sector')} {...input('sector')} data={['1', '2']} />
          <NativeSelect
            label={t('rules.company')}
            {...input('company')}
            data={(['', 'approved', 'not-approved'] as const).map((v) => ({ value: v, label: t(`rules.companies.${v || 'none'}`) }))}
          />
          <NumberInput label={t('rules.feeCharged')} min={0} max={10_000} decimalScale={2} decimalSeparator="," {...input('feeCharged')} />
        </SimpleGrid>
        <Group mt="sm">
          {check('optam')}
          {!isMidwife && check('isTreatingDoctor')}
          {check('local')}
        </Group>
      </Fieldset>
      <Fieldset legend={t('rules.patient')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput label={t('rules.age')} min={0} max={130} {...input('age')} />
          <NativeSelect
            label={t('rules.treatingDoctor')}
            {...input('treatingDoctor')}
            data={TREATING_DOCTOR_STATUSES.map((s) => ({ value: s, label: t(`terms.treating.${s}`) }))}
          />
          <ResidenceSelect {...input('residence')} />
          <PregnancySelect {...input('pregnancyMonth')} />
          <NumberInput
            label={t('rules.participationsPaid')}
            min={0}
            max={1000}
            decimalScale={2}
            decimalSeparator=","
            {...input('participationsPaidThisYear')}
          />
          <TextInput type="date" label={t('rules.lastInPersonVisit')} {...input('lastInPersonVisit')} />
        </SimpleGrid>
        <Group mt="sm">{check('livesInZip')}</Group>
        <Checkbox.Group label={t('rules.coverage')} {...input('coverage')} mt="sm">
          <Group mt="xs">
            {COVERAGES.map((k) => (
              <Checkbox key={k} value={k} label={t(`rules.coverages.${k}`)} />
            ))}
          </Group>
        </Checkbox.Group>
      </Fieldset>
      <Evaluated request={request} />
    </Stack>
  );
}
