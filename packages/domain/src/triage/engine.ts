// The questionnaire engine on FHIR R4 data: which items a patient sees given the answers so far
// (`enableWhen` with `enableBehavior`), the answers kept (those of hidden items are dropped), and
// the passage between the contract's flat answers and a QuestionnaireResponse.
import type {
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import type { AnswerValue, Answers } from './types.js';

/** The item types the engine knows; anything else in a questionnaire is refused by its validation. */
export const ITEM_TYPES = ['group', 'display', 'boolean', 'choice', 'open-choice', 'integer', 'decimal', 'string', 'text', 'date'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
/** Items that take an answer (a group holds items, a display shows text). */
export const ANSWERABLE_TYPES: readonly ItemType[] = ['boolean', 'choice', 'open-choice', 'integer', 'decimal', 'string', 'text', 'date'];

export const EXTENSIONS = {
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  unit: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
} as const;

export type Language = 'fr' | 'en';

/** Every item, depth first, with its parent (undefined at the top). */
export function* walkItems(
  items: readonly QuestionnaireItem[] | undefined,
  parent?: QuestionnaireItem,
): Generator<{ item: QuestionnaireItem; parent: QuestionnaireItem | undefined }> {
  for (const item of items ?? []) {
    yield { item, parent };
    yield* walkItems(item.item, item);
  }
}

export interface ItemIndex {
  byLinkId: Map<string, QuestionnaireItem>;
  parentOf: Map<string, QuestionnaireItem | undefined>;
}

const indexes = new WeakMap<Questionnaire, ItemIndex>();

/** The items by linkId and their parents (remembered per questionnaire object: questionnaires are not mutated). */
export function indexItems(questionnaire: Questionnaire): ItemIndex {
  const known = indexes.get(questionnaire);
  if (known) return known;
  const index: ItemIndex = { byLinkId: new Map(), parentOf: new Map() };
  for (const { item, parent } of walkItems(questionnaire.item)) {
    if (index.byLinkId.has(item.linkId)) continue;
    index.byLinkId.set(item.linkId, item);
    index.parentOf.set(item.linkId, parent);
  }
  indexes.set(questionnaire, index);
  return index;
}

export function isAnswerable(item: QuestionnaireItem): boolean {
  return (ANSWERABLE_TYPES as readonly string[]).includes(item.type);
}

/** The value an enableWhen compares with, whichever `answer[x]` it uses. */
export function enableWhenValue(condition: QuestionnaireItemEnableWhen): AnswerValue | undefined {
  if (condition.answerBoolean !== undefined) return condition.answerBoolean;
  if (condition.answerInteger !== undefined) return condition.answerInteger;
  if (condition.answerDecimal !== undefined) return condition.answerDecimal;
  if (condition.answerString !== undefined) return condition.answerString;
  if (condition.answerDate !== undefined) return condition.answerDate;
  if (condition.answerCoding?.code !== undefined) return condition.answerCoding.code;
  return undefined;
}

function conditionHolds(condition: QuestionnaireItemEnableWhen, answer: AnswerValue | undefined): boolean {
  if (condition.operator === 'exists') return (answer !== undefined) === (condition.answerBoolean ?? true);
  // FHIR R5's reading of R4: without an answer, every comparison but `exists` is false.
  const expected = enableWhenValue(condition);
  if (answer === undefined || expected === undefined) return false;
  switch (condition.operator) {
    case '=':
      return answer === expected;
    case '!=':
      return answer !== expected;
    case '>':
      return typeof answer === typeof expected && answer > expected;
    case '<':
      return typeof answer === typeof expected && answer < expected;
    case '>=':
      return typeof answer === typeof expected && answer >= expected;
    case '<=':
      return typeof answer === typeof expected && answer <= expected;
  }
}

/**
 * The items the patient sees given `answers`: an item is shown when its parent is shown and its
 * `enableWhen` holds (all of them, or any with `enableBehavior: "any"`) over the answers of shown
 * items only — an answer to a hidden question counts as not given. The questionnaire must be
 * valid (no cycle: see `validateQuestionnaire`).
 */
export function visibleLinkIds(questionnaire: Questionnaire, answers: Answers): Set<string> {
  const { byLinkId, parentOf } = indexItems(questionnaire);
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isShown = (linkId: string): boolean => {
    const known = memo.get(linkId);
    if (known !== undefined) return known;
    const item = byLinkId.get(linkId);
    // A cycle cannot be resolved: hidden (validation refuses such a questionnaire before it is used).
    if (!item || visiting.has(linkId)) return false;
    visiting.add(linkId);
    const parent = parentOf.get(linkId);
    let shown = parent === undefined || isShown(parent.linkId);
    if (shown && item.enableWhen?.length) {
      const holds = item.enableWhen.map((condition) =>
        conditionHolds(condition, isShown(condition.question) ? answers[condition.question] : undefined),
      );
      shown = item.enableBehavior === 'any' ? holds.some(Boolean) : holds.every(Boolean);
    }
    visiting.delete(linkId);
    memo.set(linkId, shown);
    return shown;
  };
  const visible = new Set<string>();
  for (const linkId of byLinkId.keys()) if (isShown(linkId)) visible.add(linkId);
  return visible;
}

/** The answers kept: those of shown items only (an answer to a hidden item is dropped, never acted on). */
export function dropHiddenAnswers(questionnaire: Questionnaire, answers: Answers): Record<string, AnswerValue> {
  const visible = visibleLinkIds(questionnaire, answers);
  const kept: Record<string, AnswerValue> = {};
  for (const [linkId, value] of Object.entries(answers)) if (visible.has(linkId)) kept[linkId] = value;
  return kept;
}

/**
 * The contract's case answers a follow-up without always the question leading to it
 * (`chest-pain-radiates: true` alone): an answer to an item shown only when one boolean question is
 * true implies that question's `true` when it was not reported. When in doubt, the safer reading;
 * a question answered `false` still hides its follow-ups.
 */
export function withImpliedAnswers(questionnaire: Questionnaire, answers: Answers): Record<string, AnswerValue> {
  const { byLinkId } = indexItems(questionnaire);
  const result: Record<string, AnswerValue> = { ...answers };
  let changed = true;
  while (changed) {
    changed = false;
    for (const linkId of Object.keys(result)) {
      const conditions = byLinkId.get(linkId)?.enableWhen ?? [];
      if (conditions.length !== 1) continue;
      const [condition] = conditions as [QuestionnaireItemEnableWhen];
      if (condition.operator !== '=' || condition.answerBoolean !== true) continue;
      if (byLinkId.get(condition.question)?.type !== 'boolean' || condition.question in result) continue;
      result[condition.question] = true;
      changed = true;
    }
  }
  return result;
}

/** The flat answers of a QuestionnaireResponse: each item's first answer, by linkId. */
export function answersOf(questionnaire: Questionnaire, response: QuestionnaireResponse): Record<string, AnswerValue> {
  const { byLinkId } = indexItems(questionnaire);
  const answers: Record<string, AnswerValue> = {};
  const visit = (items: readonly QuestionnaireResponseItem[] | undefined): void => {
    for (const item of items ?? []) {
      const first = item.answer?.[0];
      const value = first && valueOfAnswer(first);
      if (value !== undefined && byLinkId.has(item.linkId) && !(item.linkId in answers)) answers[item.linkId] = value;
      visit(item.item);
      for (const answer of item.answer ?? []) visit(answer.item);
    }
  };
  visit(response.item);
  return answers;
}

function valueOfAnswer(answer: QuestionnaireResponseItemAnswer): AnswerValue | undefined {
  return (
    answer.valueBoolean ??
    answer.valueInteger ??
    answer.valueDecimal ??
    answer.valueCoding?.code ??
    answer.valueString ??
    answer.valueDate ??
    undefined
  );
}

/**
 * A QuestionnaireResponse holding `answers` (those of shown items only), shaped as the
 * questionnaire's groups, naming the questionnaire's canonical `url|version`.
 */
export function responseOf(
  questionnaire: Questionnaire,
  answers: Answers,
  extra: Partial<Pick<QuestionnaireResponse, 'status' | 'authored' | 'subject' | 'id'>> = {},
): QuestionnaireResponse {
  const kept = dropHiddenAnswers(questionnaire, answers);
  const build = (items: readonly QuestionnaireItem[] | undefined): QuestionnaireResponseItem[] => {
    const built: QuestionnaireResponseItem[] = [];
    for (const item of items ?? []) {
      if (item.type === 'group') {
        const children = build(item.item);
        if (children.length) built.push({ linkId: item.linkId, item: children });
        continue;
      }
      const value = kept[item.linkId];
      if (value === undefined) continue;
      built.push({ linkId: item.linkId, answer: [answerOfValue(item, value)] });
    }
    return built;
  };
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    ...(questionnaire.url ? { questionnaire: `${questionnaire.url}${questionnaire.version ? `|${questionnaire.version}` : ''}` } : {}),
    ...extra,
    item: build(questionnaire.item),
  };
}

function answerOfValue(item: QuestionnaireItem, value: AnswerValue): QuestionnaireResponseItemAnswer {
  switch (item.type) {
    case 'boolean':
      return { valueBoolean: value as boolean };
    case 'integer':
      return { valueInteger: value as number };
    case 'decimal':
      return { valueDecimal: value as number };
    case 'date':
      return { valueDate: value as string };
    case 'choice':
    case 'open-choice': {
      const option = item.answerOption?.find((o) => o.valueCoding?.code === value);
      if (option?.valueCoding) return { valueCoding: option.valueCoding as Coding };
      return { valueString: String(value) };
    }
    default:
      return { valueString: String(value) };
  }
}

/** An element's text in `language`: the FHIR translation extension of `_<field>`, else the text itself. */
export function translated(element: object, field: string, language: Language): string | undefined {
  const base = (element as Record<string, unknown>)[field];
  const extensions =
    (
      element as Record<
        string,
        { extension?: { url: string; extension?: { url: string; valueCode?: string; valueString?: string }[] }[] } | undefined
      >
    )[`_${field}`]?.extension ?? [];
  for (const extension of extensions) {
    if (extension.url !== EXTENSIONS.translation) continue;
    const lang = extension.extension?.find((e) => e.url === 'lang')?.valueCode;
    const content = extension.extension?.find((e) => e.url === 'content')?.valueString;
    if (lang === language && content !== undefined) return content;
  }
  return typeof base === 'string' ? base : undefined;
}

/** The number an item's minValue/maxValue extension gives, if any. */
export function boundOf(item: QuestionnaireItem, which: 'minValue' | 'maxValue'): number | undefined {
  const extension = item.extension?.find((e) => e.url === EXTENSIONS[which]);
  return extension?.valueInteger ?? extension?.valueDecimal;
}
