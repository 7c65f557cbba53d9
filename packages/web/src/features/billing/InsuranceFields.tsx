import { Checkbox, Group, Radio, Stack } from '@mantine/core';
import { SUPPLEMENTARY_COVERS, TREATING_DOCTOR_DECLARATIONS } from '@parcours/domain';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { InputSource } from '../../forms/fields.js';
import type { Insurance } from './api.js';

/** The situation as the API takes it; nothing is required (an unstated cover is a fact the estimate says). */
export const insuranceSchema = z.object({
  treatingDoctor: z.enum(TREATING_DOCTOR_DECLARATIONS).nullable(),
  ald: z.boolean(),
  cover: z.enum(SUPPLEMENTARY_COVERS).nullable(),
}) satisfies z.ZodType<Insurance, unknown>;

/** The patient's insurance situation, as they state it (under `insurance.` in the form): treating doctor declared, ALD, supplementary cover. */
export function InsuranceFields({ form }: { form: InputSource }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Radio.Group label={t('billing.situation.treatingDoctor')} {...form.getInputProps('insurance.treatingDoctor')}>
        <Group mt="xs">
          {TREATING_DOCTOR_DECLARATIONS.map((declaration) => (
            <Radio key={declaration} value={declaration} label={t(`billing.situation.declarations.${declaration}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox label={t('billing.situation.ald')} {...form.getInputProps('insurance.ald', { type: 'checkbox' })} />
      <Radio.Group label={t('billing.situation.cover')} {...form.getInputProps('insurance.cover')}>
        <Stack gap={6} mt="xs">
          {SUPPLEMENTARY_COVERS.map((cover) => (
            <Radio key={cover} value={cover} label={t(`billing.situation.covers.${cover}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
