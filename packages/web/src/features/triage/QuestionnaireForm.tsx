import { Button, Group, NumberInput, Progress, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  boundOf,
  checkAnswer,
  dropHiddenAnswers,
  isAnswerable,
  optionCodes,
  orientAnswers,
  translated,
  visibleLinkIds,
  type AnswerValue,
  type TriageQuestionnaire,
} from '@parcours/domain';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Answers = Record<string, AnswerValue>;
type QuestionnaireItem = NonNullable<TriageQuestionnaire['questionnaire']['item']>[number];
type Language = 'fr' | 'en';

/**
 * The questionnaire, one group per screen: a progress bar, back without losing answers, large
 * targets, each group a labelled fieldset whose heading takes the focus when it opens. A red flag
 * stops it at once: the answers so far go out as they are.
 */
export function QuestionnaireForm({
  triage,
  initial,
  onStep,
  onDone,
  busy,
}: {
  triage: TriageQuestionnaire;
  initial: Answers;
  onStep: (groupLinkId: string) => void;
  onDone: (answers: Answers) => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  const { questionnaire } = triage;
  const [answers, setAnswers] = useState<Answers>(initial);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const visible = visibleLinkIds(questionnaire, answers);
  const groups = (questionnaire.item ?? []).filter((group) => visible.has(group.linkId));
  const [index, setIndex] = useState(0);
  const group = groups[Math.min(index, groups.length - 1)]!;
  const heading = useRef<HTMLHeadingElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    onStep(group.linkId);
    // The first screen keeps the page's focus; the next ones move it to their heading.
    if (opened.current) heading.current?.focus();
    opened.current = true;
  }, [group.linkId, onStep]);

  const questions = (group.item ?? []).filter((item) => visible.has(item.linkId) && isAnswerable(item));
  const set = (linkId: string, value: AnswerValue | undefined) => {
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === undefined) delete next[linkId];
      else next[linkId] = value;
      return next;
    });
    setInvalid((previous) => {
      const next = new Set(previous);
      next.delete(linkId);
      return next;
    });
  };

  const next = () => {
    const wrong = questions.filter((item) => {
      const value = answers[item.linkId];
      if (value === undefined) return item.required === true;
      return checkAnswer(item, value) !== undefined;
    });
    if (wrong.length) {
      setInvalid(new Set(wrong.map((item) => item.linkId)));
      document.getElementById(`triage-${wrong[0]!.linkId}`)?.focus();
      return;
    }
    const kept = dropHiddenAnswers(questionnaire, answers);
    // Red flags do not depend on the age: any adult's reading tells whether to stop now.
    const isEmergency = orientAnswers(triage, kept, { age: 30 }).outcome === 'emergency-15';
    if (isEmergency || index >= groups.length - 1) onDone(kept);
    else setIndex(index + 1);
  };

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Text size="sm" aria-hidden>
          {t('triage.step', { current: index + 1, total: groups.length })}
        </Text>
        <Progress.Root size="lg">
          <Progress.Section
            value={((index + 1) / groups.length) * 100}
            aria-label={t('triage.step', { current: index + 1, total: groups.length })}
          />
        </Progress.Root>
      </Stack>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          next();
        }}
        noValidate
      >
        <Stack component="fieldset" gap="lg" style={{ border: 0, padding: 0, margin: 0 }} aria-labelledby="triage-group-title">
          <Title order={2} fz="h3" id="triage-group-title" ref={heading} tabIndex={-1}>
            {translated(group, 'text', language) ?? group.linkId}
          </Title>
          {questions.map((item) => (
            <Question
              key={item.linkId}
              item={item}
              language={language}
              value={answers[item.linkId]}
              error={invalid.has(item.linkId) ? t('triage.required') : undefined}
              onChange={(value) => set(item.linkId, value)}
            />
          ))}
          <Group justify="space-between" gap="md">
            <Button variant="default" size="lg" disabled={index === 0 || busy} onClick={() => setIndex(Math.max(0, index - 1))}>
              {t('triage.back')}
            </Button>
            <Button type="submit" size="lg" loading={busy}>
              {index >= groups.length - 1 ? t('triage.finish') : t('triage.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Question({
  item,
  language,
  value,
  error,
  onChange,
}: {
  item: QuestionnaireItem;
  language: Language;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange: (value: AnswerValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const label = translated(item, 'text', language) ?? item.linkId;
  const id = `triage-${item.linkId}`;
  const common = { label, error, required: item.required === true, id };
  switch (item.type) {
    case 'boolean':
      return (
        <Radio.Group {...common} id={undefined} value={value === undefined ? '' : String(value)} onChange={(v) => onChange(v === 'true')}>
          <Group gap="xl" mt="xs">
            <Radio id={id} value="true" label={t('triage.yes')} size="lg" />
            <Radio value="false" label={t('triage.no')} size="lg" />
          </Group>
        </Radio.Group>
      );
    case 'choice':
      return (
        <Radio.Group {...common} id={undefined} value={typeof value === 'string' ? value : ''} onChange={(v) => onChange(v)}>
          <Stack gap="sm" mt="xs">
            {(item.answerOption ?? []).map((option, index) => {
              const code = optionCodes({ ...item, answerOption: [option] })[0]!;
              const display = option.valueCoding ? (translated(option.valueCoding, 'display', language) ?? code) : code;
              return <Radio key={code} id={index === 0 ? id : undefined} value={code} label={display} size="lg" />;
            })}
          </Stack>
        </Radio.Group>
      );
    case 'integer':
    case 'decimal': {
      const unit = item.extension?.find((e) => e.url.endsWith('questionnaire-unit'))?.valueCoding?.display;
      return (
        <NumberInput
          {...common}
          size="lg"
          maw={280}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? undefined : Number(String(v).replace(',', '.')))}
          min={boundOf(item, 'minValue')}
          max={boundOf(item, 'maxValue')}
          allowDecimal={item.type === 'decimal'}
          decimalScale={item.type === 'decimal' ? 1 : 0}
          decimalSeparator={language === 'fr' ? ',' : '.'}
          suffix={unit ? ` ${unit}` : undefined}
          inputMode={item.type === 'decimal' ? 'decimal' : 'numeric'}
        />
      );
    }
    case 'text':
      return (
        <Textarea
          {...common}
          size="lg"
          autosize
          minRows={2}
          maxLength={item.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          size="lg"
          maxLength={item.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
        />
      );
  }
}
