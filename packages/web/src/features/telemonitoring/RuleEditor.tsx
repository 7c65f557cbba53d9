import { Alert, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import {
  ALERT_LEVELS,
  applyOverrides,
  PROGRAMMES,
  type AlertLevel,
  type AlertRule,
  type PatientOverrides,
  type RuleOverride,
  type ThresholdStep,
} from '@parcours/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { telemonitoringApi, telemonitoringKeys, type Enrolment } from './api.js';

/** The numbers an operator may adjust (the domain's RuleOverride), in the order a form shows them. */
const NUMBERS = [
  'rise',
  'fall',
  'withinHours',
  'risePerHour',
  'fallPerHour',
  'low',
  'high',
  'minPercent',
  'overDays',
  'minReadings',
  'maxAbove',
  'warningAfterHours',
  'urgentAfterHours',
  'lookbackHours',
] as const;
type NumberKey = (typeof NUMBERS)[number];

type Entry = number | '';
interface StepDraft {
  level: AlertLevel;
  component?: ThresholdStep['component'];
  bound: 'below' | 'above';
  value: Entry;
}
interface RuleDraft {
  enabled: boolean;
  level?: AlertLevel;
  numbers: Partial<Record<NumberKey, Entry>>;
  steps?: StepDraft[];
}
interface Draft {
  rules: Record<string, RuleDraft>;
  dryWeightKg: Entry;
}

/** A rule as the form holds it: its settings as they are now (the programme's, with the patient's adjustments). */
function draftOf(rule: AlertRule): RuleDraft {
  const record = rule as AlertRule & Record<string, unknown>;
  const numbers: RuleDraft['numbers'] = {};
  for (const key of NUMBERS) if (typeof record[key] === 'number') numbers[key] = record[key];
  return {
    enabled: rule.enabled,
    ...('level' in rule ? { level: rule.level } : {}),
    numbers,
    ...(rule.type === 'threshold'
      ? {
          steps: rule.steps.map((step) => ({
            level: step.level,
            ...(step.component ? { component: step.component } : {}),
            bound: step.below !== undefined ? ('below' as const) : ('above' as const),
            value: step.below ?? step.above ?? '',
          })),
        }
      : {}),
  };
}

/** The overrides a draft stands for: per rule, only what differs from the programme's default. */
function overridesOf(enrolment: Enrolment, draft: Draft): { overrides: PatientOverrides; empty: string[] } {
  const programme = PROGRAMMES[enrolment.programme];
  const rules: Record<string, RuleOverride> = {};
  const empty: string[] = [];
  for (const rule of programme.rules) {
    const edited = draft.rules[rule.id];
    if (!edited) continue;
    const base = draftOf(rule);
    const override: Record<string, unknown> = {};
    if (edited.enabled !== base.enabled) override['enabled'] = edited.enabled;
    if (edited.level && edited.level !== base.level) override['level'] = edited.level;
    for (const key of NUMBERS) {
      const value = edited.numbers[key];
      if (value === undefined) continue;
      if (value === '') empty.push(`rules.${rule.id}.${key}`);
      else if (value !== base.numbers[key]) override[key] = value;
    }
    if (edited.steps) {
      edited.steps.forEach((step, index) => step.value === '' && empty.push(`rules.${rule.id}.steps.${index}`));
      if (JSON.stringify(edited.steps) !== JSON.stringify(base.steps))
        override['steps'] = edited.steps.map((step) => ({
          level: step.level,
          ...(step.component ? { component: step.component } : {}),
          [step.bound]: step.value === '' ? 0 : step.value,
        }));
    }
    if (Object.keys(override).length) rules[rule.id] = override as RuleOverride;
  }
  const parameters = draft.dryWeightKg === '' ? {} : { dryWeightKg: draft.dryWeightKg };
  return { overrides: { ...(Object.keys(rules).length ? { rules } : {}), parameters }, empty };
}

function initialDraft(enrolment: Enrolment): Draft {
  const programme = PROGRAMMES[enrolment.programme];
  const applied = applyOverrides(programme, (enrolment.overrides ?? {}) as PatientOverrides);
  const rules = applied.ok ? applied.plan.rules : programme.rules;
  return {
    rules: Object.fromEntries(rules.map((rule) => [rule.id, draftOf(rule)])),
    dryWeightKg: enrolment.parameters.dryWeightKg ?? '',
  };
}

/**
 * The operator adjusts a patient's alert rules: each rule of the programme with its thresholds as
 * they stand, edited, checked by the domain's own `applyOverrides` before sending (the server checks
 * again), reset to the programme's default. The missing-data alert stays on: the referential says so.
 */
export function RuleEditor({ patientId, enrolment }: { patientId: string; enrolment: Enrolment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const queryClient = useQueryClient();
  const programme = PROGRAMMES[enrolment.programme];
  const [draft, setDraft] = useState<Draft>(() => initialDraft(enrolment));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (overrides: PatientOverrides) =>
      telemonitoringApi.setOverrides(patientId, enrolment.id, overrides as Parameters<typeof telemonitoringApi.setOverrides>[2]),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: telemonitoringKeys.all }),
  });
  const headingId = `rules-${enrolment.id}`;

  const setRule = (id: string, change: (rule: RuleDraft) => RuleDraft) => {
    save.reset();
    setDraft((previous) => ({ ...previous, rules: { ...previous.rules, [id]: change(previous.rules[id]!) } }));
  };
  const submit = () => {
    const { overrides, empty } = overridesOf(enrolment, draft);
    const found: Record<string, string> = {};
    for (const path of empty) found[path] = t('telemonitoring.rules.required');
    const checked = applyOverrides(programme, overrides);
    if (!checked.ok) for (const issue of checked.issues) found[issue.path] ??= issue.message[language];
    setIssues(found);
    if (Object.keys(found).length === 0) save.mutate(overrides);
  };
  const problem = save.error
    ? {
        title: save.error instanceof ApiProblem ? save.error.title : t('common.unexpected'),
        details: save.error instanceof ApiProblem ? save.error.errors.map((e) => e.message ?? e.field) : [],
      }
    : Object.keys(issues).length
      ? { title: t('telemonitoring.rules.fix') }
      : null;
  const unit = (rule: AlertRule) => ('reading' in rule ? t(`telemonitoring.units.${rule.reading}`) : 'h');

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid="rule-editor">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id={headingId}>
            {t('telemonitoring.rules.title', { programme: t(`telemonitoring.programme.${enrolment.programme}`) })}
          </Title>
          <Text size="sm">{t('telemonitoring.rules.intro')}</Text>
          {programme.rules.map((rule) => {
            const edited = draft.rules[rule.id]!;
            const at = `rules.${rule.id}`;
            const isMissingData = rule.type === 'missingData';
            const legendId = `${headingId}-${rule.id}`;
            return (
              <Stack
                key={rule.id}
                component="fieldset"
                gap="xs"
                aria-labelledby={legendId}
                data-rule={rule.id}
                style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8, padding: 12, margin: 0, minWidth: 0 }}
              >
                <Text component="legend" id={legendId} fw={700} px={4}>
                  {t(`telemonitoring.rules.names.${rule.id}`, { defaultValue: rule.id })}
                </Text>
                <Switch
                  label={t('telemonitoring.rules.enabled')}
                  checked={isMissingData ? true : edited.enabled}
                  disabled={isMissingData}
                  onChange={(event) => {
                    const enabled = event.currentTarget.checked;
                    setRule(rule.id, (r) => ({ ...r, enabled }));
                  }}
                  description={isMissingData ? t('telemonitoring.rules.cannotDisable') : undefined}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  {edited.level ? (
                    <NativeSelect
                      label={t('telemonitoring.rules.level')}
                      value={edited.level}
                      data={ALERT_LEVELS.map((level) => ({ value: level, label: t(`telemonitoring.levels.${level}`) }))}
                      onChange={(event) => {
                        const level = event.currentTarget.value as AlertLevel;
                        setRule(rule.id, (r) => ({ ...r, level }));
                      }}
                    />
                  ) : null}
                  {NUMBERS.filter((key) => edited.numbers[key] !== undefined).map((key) => (
                    <NumberInput
                      key={key}
                      label={t(`telemonitoring.rules.settings.${key}`, { unit: unit(rule) })}
                      value={edited.numbers[key]}
                      min={0}
                      max={key === 'minPercent' ? 100 : 10_000}
                      decimalScale={2}
                      decimalSeparator={language === 'en' ? '.' : ','}
                      error={issues[`${at}.${key}`]}
                      onChange={(value) =>
                        setRule(rule.id, (r) => ({
                          ...r,
                          numbers: { ...r.numbers, [key]: typeof value === 'number' ? value : value === '' ? '' : Number(value) },
                        }))
                      }
                    />
                  ))}
                  {(edited.steps ?? []).map((step, index) => (
                    <NumberInput
                      key={index}
                      label={t(`telemonitoring.rules.step.${step.bound}`, {
                        level: t(`telemonitoring.levels.${step.level}`),
                        what: step.component && step.component !== 'value' ? t(`telemonitoring.rules.component.${step.component}`) : '',
                        unit: unit(rule),
                      }).replace(/ +/g, ' ')}
                      value={step.value}
                      min={-10_000}
                      max={10_000}
                      decimalScale={2}
                      decimalSeparator={language === 'en' ? '.' : ','}
                      error={issues[`${at}.steps.${index}`]}
                      onChange={(value) =>
                        setRule(rule.id, (r) => ({
                          ...r,
                          steps: r.steps!.map((s, i) =>
                            i === index ? { ...s, value: typeof value === 'number' ? value : value === '' ? '' : Number(value) } : s,
                          ),
                        }))
                      }
                    />
                  ))}
                </SimpleGrid>
                {issues[at] || issues[`${at}.steps`] ? (
                  <Text size="sm" c="red.9" role="alert">
                    {issues[at] ?? issues[`${at}.steps`]}
                  </Text>
                ) : null}
                <Button
                  variant="subtle"
                  size="compact-sm"
                  w="fit-content"
                  onClick={() => setRule(rule.id, () => draftOf(rule))}
                  aria-label={t('telemonitoring.rules.resetOne', {
                    name: t(`telemonitoring.rules.names.${rule.id}`, { defaultValue: rule.id }),
                  })}
                >
                  {t('telemonitoring.rules.reset')}
                </Button>
              </Stack>
            );
          })}
          {programme.rules.some((rule) => rule.type === 'reference') ? (
            <NumberInput
              label={t('telemonitoring.rules.dryWeight')}
              value={draft.dryWeightKg}
              min={0.5}
              max={400}
              decimalScale={1}
              decimalSeparator={language === 'en' ? '.' : ','}
              error={issues['parameters.dryWeightKg']}
              onChange={(value) =>
                setDraft((d) => ({ ...d, dryWeightKg: typeof value === 'number' ? value : value === '' ? '' : Number(value) }))
              }
              maw={280}
            />
          ) : null}
          <ProblemAlert problem={problem} />
          {save.isSuccess ? (
            <Alert color="green.9" variant="light" role="status">
              {t('telemonitoring.rules.saved')}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('telemonitoring.rules.save')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                save.reset();
                setIssues({});
                setDraft((d) => ({ ...d, rules: Object.fromEntries(programme.rules.map((rule) => [rule.id, draftOf(rule)])) }));
              }}
            >
              {t('telemonitoring.rules.resetAll')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
