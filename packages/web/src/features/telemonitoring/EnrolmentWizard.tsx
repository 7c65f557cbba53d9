import { Alert, Button, Checkbox, List, NativeSelect, NumberInput, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatEuros } from '../../components/money.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useApiForm } from '../../forms/useApiForm.js';
import { telemonitoringApi, telemonitoringKeys, type EligibilityAsked, type Enrol } from './api.js';

const PROGRAMMES = ['heart-failure', 'renal-failure', 'respiratory-failure', 'diabetes', 'cardiac-implant', 'oncology'] as const;
const LEVELS = ['standard', 'enhanced-1', 'enhanced-2'] as const;
const OPERATORS = ['doctor', 'team', 'structure'] as const;

/** Today on this device, as a date input holds it. */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const schema = z
  .object({
    programme: z.enum(PROGRAMMES),
    level: z.enum(LEVELS),
    months: z.number({ message: 'issues.required' }).int().min(1).max(12),
    startsOn: z.string().min(1, 'issues.required'),
    operatorKind: z.enum(OPERATORS),
    arsDeclaration: z.string().max(100),
    patientInformed: z.literal(true, { message: 'issues.required' }),
  })
  .transform((values): Enrol => ({
    programme: values.programme,
    level: values.level,
    months: values.months,
    startsOn: values.startsOn,
    operator: { kind: values.operatorKind, arsDeclaration: values.arsDeclaration.trim() || null },
    patientInformed: true,
  }));

/**
 * The prescription of telemonitoring, by a professional caring for the patient: the indication and
 * its forfait's level, the length (a year at most), the operator and its declaration to the ARS, and
 * the patient told it is no emergency service. What the rules say shows as the choices change, before
 * anything is sent; the server decides again when enrolling.
 */
export function EnrolmentWizard({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { form, mutation, problem, onSubmit } = useApiForm({
    initialValues: {
      programme: 'heart-failure' as (typeof PROGRAMMES)[number],
      level: 'standard' as (typeof LEVELS)[number],
      months: 12 as number | string,
      startsOn: today(),
      operatorKind: 'doctor' as (typeof OPERATORS)[number],
      arsDeclaration: '',
      patientInformed: false,
    },
    schema: schema as unknown as z.ZodType<Enrol>,
    submit: (body) => telemonitoringApi.enrol(patientId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all }),
  });
  const values = form.getValues();
  const asked: EligibilityAsked = {
    programme: values.programme,
    level: values.level,
    operator: { kind: values.operatorKind, arsDeclaration: values.arsDeclaration.trim() || null },
    ...(values.startsOn ? { startsOn: values.startsOn } : {}),
  };
  const [debounced] = useDebouncedValue(asked, 300);
  const decision = useQuery({
    queryKey: telemonitoringKeys.eligibility(patientId, debounced),
    queryFn: () => telemonitoringApi.eligibility(patientId, debounced),
  });
  const euros = (amount: number | null) => formatEuros(amount, i18n.language);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="enrol-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" maw={640}>
          <Title order={2} size="h3" id="enrol-heading">
            {t('telemonitoring.enrol.title')}
          </Title>
          <Text size="sm">{t('telemonitoring.enrol.intro')}</Text>
          <NativeSelect
            label={t('telemonitoring.enrol.programme')}
            data={PROGRAMMES.map((p) => ({ value: p, label: t(`telemonitoring.programme.${p}`) }))}
            {...form.getInputProps('programme')}
          />
          <Radio.Group label={t('telemonitoring.enrol.level')} {...form.getInputProps('level')}>
            <Stack gap={4} mt={4}>
              {LEVELS.map((level) => (
                <Radio key={level} value={level} label={t(`telemonitoring.enrol.levels.${level}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <NumberInput label={t('telemonitoring.enrol.months')} min={1} max={12} allowDecimal={false} {...form.getInputProps('months')} />
          <TextInput type="date" label={t('telemonitoring.enrol.startsOn')} {...form.getInputProps('startsOn')} />
          <Radio.Group label={t('telemonitoring.enrol.operatorKind')} {...form.getInputProps('operatorKind')}>
            <Stack gap={4} mt={4}>
              {OPERATORS.map((kind) => (
                <Radio key={kind} value={kind} label={t(`telemonitoring.enrol.operatorKinds.${kind}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            label={t('telemonitoring.enrol.arsDeclaration')}
            description={t('telemonitoring.enrol.arsHint')}
            maxLength={100}
            {...form.getInputProps('arsDeclaration')}
          />
          <Checkbox label={t('telemonitoring.enrol.informed')} {...form.getInputProps('patientInformed', { type: 'checkbox' })} />

          <section aria-labelledby="decision-heading" aria-live="polite">
            <Title order={3} size="h4" id="decision-heading" mb={4}>
              {t('telemonitoring.enrol.decision')}
            </Title>
            {decision.isPending ? (
              <Text size="sm">{t('telemonitoring.enrol.checking')}</Text>
            ) : decision.isError ? (
              <ProblemAlert problem={{ title: t('common.unexpected') }} />
            ) : decision.data.prescribable && decision.data.billable ? (
              <Alert color="green.9" variant="light" data-testid="eligibility">
                {t('telemonitoring.enrol.eligible', {
                  operator: euros(decision.data.operatorFee),
                  technical: euros(decision.data.technicalFee),
                })}
              </Alert>
            ) : (
              <Alert color={decision.data.prescribable ? 'orange.9' : 'red.9'} variant="light" data-testid="eligibility">
                <Text size="sm" fw={700}>
                  {t(decision.data.prescribable ? 'telemonitoring.enrol.notBillable' : 'telemonitoring.enrol.notEligible')}
                </Text>
                <List size="sm">
                  {decision.data.reasons.map((reason) => (
                    <List.Item key={reason.code}>{reason.text}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </section>
          <ProblemAlert problem={problem} />
          {mutation.isSuccess ? (
            <Text role="status" c="green.9">
              {t('telemonitoring.enrol.done')}
            </Text>
          ) : null}
          <Button type="submit" loading={mutation.isPending} w="fit-content">
            {t('telemonitoring.enrol.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
