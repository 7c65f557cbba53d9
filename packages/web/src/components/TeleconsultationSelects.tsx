import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { RESIDENCES, type Residence } from '@parcours/domain';
import { useTranslation } from 'react-i18next';

// Selects for the facts of a teleconsultation that the simulator, the patient's estimate and the
// practitioner's billing all ask, in the same words.
// `value` may be absent, as in a form's input props before it is set.
type Props<T> = Omit<NativeSelectProps, 'data' | 'value' | 'onChange'> & { value?: T; onChange: (value: T) => void };

export function ModalitySelect({ value, onChange, ...props }: Props<'video' | 'phone'>) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      {...props}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as 'video' | 'phone')}
      data={[
        { value: 'video', label: t('terms.modalities.video') },
        { value: 'phone', label: t('terms.modalities.phone') },
      ]}
    />
  );
}

const PREGNANCY_MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The month of a current pregnancy, `''` when none. */
export function PregnancySelect({ value, onChange, ...props }: Props<string>) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('terms.pregnancy')}
      {...props}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('terms.notPregnant') },
        ...PREGNANCY_MONTHS.map((m) => ({
          value: m,
          label: m === '1' ? t('terms.pregnancyMonthFirst') : t('terms.pregnancyMonth', { month: m }),
        })),
      ]}
    />
  );
}

export function ResidenceSelect({ value, onChange, ...props }: Props<Residence>) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('terms.residence')}
      {...props}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as Residence)}
      data={RESIDENCES.map((r) => ({ value: r, label: t(`terms.residences.${r}`) }))}
    />
  );
}
