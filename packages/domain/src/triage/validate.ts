// Validation of a triage questionnaire and its rules (an organisation's copy edited as JSON): a
// FHIR R4 Questionnaire the engine can run — known item types, unique linkIds, every enableWhen
// pointing at a question of the right type, no cycle — still holding every safety item of the
// contract unchanged, and rules that name its questions. Issues name the place in our words.
import type { Questionnaire, QuestionnaireItem, QuestionnaireItemEnableWhen } from '@medplum/fhirtypes';
import { optionCodes } from './answers.js';
import { boundOf, enableWhenValue, isAnswerable, ITEM_TYPES } from './engine.js';
import { SAFETY_ITEMS, SAFETY_RULES } from './safety.js';
import { OUTCOMES, SEVERITIES, SEXES, type Condition, type Message, type TriageIssue, type TriageQuestionnaire } from './types.js';

export const LIMITS = { items: 500, linkId: 100, text: 2_000, options: 100, enableWhen: 20, rules: 300, depth: 8, flags: 20, reasons: 300 };
const OPERATORS = ['exists', '=', '!=', '>', '<', '>=', '<='] as const;
const HIDDEN = 'http://hl7.org/fhir/StructureDefinition/questionnaire-hidden';

type Raw = Record<string, unknown>;
const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = LIMITS.text): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max;

export type TriageQuestionnaireParse = { ok: true; triage: TriageQuestionnaire } | { ok: false; issues: TriageIssue[] };

class Issues {
  readonly list: TriageIssue[] = [];
  add(path: string, code: string, message: Message): void {
    if (this.list.length < 100) this.list.push({ path, code, message });
  }
}

/** Validates `{ questionnaire, orientation }` as a triage questionnaire; the same object back when valid. */
export function validateTriageQuestionnaire(input: unknown): TriageQuestionnaireParse {
  const issues = new Issues();
  if (!isObject(input)) {
    issues.add('', 'invalid-type', { fr: 'Le questionnaire doit être un objet JSON.', en: 'The questionnaire must be a JSON object.' });
    return { ok: false, issues: issues.list };
  }
  for (const key of Object.keys(input)) {
    if (key !== 'questionnaire' && key !== 'orientation') {
      issues.add(key, 'unknown-field', { fr: `« ${key} » n’est pas attendu ici.`, en: `"${key}" is not expected here.` });
    }
  }
  const items = checkQuestionnaire(input['questionnaire'], issues);
  if (items) checkOrientation(input['orientation'], items, issues);
  if (issues.list.length) return { ok: false, issues: issues.list };
  return { ok: true, triage: input as unknown as TriageQuestionnaire };
}

interface Located {
  item: QuestionnaireItem;
  path: string;
  parent: string | undefined;
}

/** Checks the Questionnaire; its items by linkId when its structure could be read. */
function checkQuestionnaire(value: unknown, issues: Issues): Map<string, Located> | undefined {
  const at = 'questionnaire';
  if (!isObject(value) || value['resourceType'] !== 'Questionnaire') {
    issues.add(at, 'invalid-type', {
      fr: '« questionnaire » doit être une ressource FHIR Questionnaire.',
      en: '"questionnaire" must be a FHIR Questionnaire resource.',
    });
    return undefined;
  }
  const q = value as unknown as Questionnaire;
  if (!isText(q.url, 300))
    issues.add(`${at}.url`, 'required', { fr: 'Le questionnaire doit avoir une url.', en: 'The questionnaire needs a url.' });
  if (!isText(q.version, 50)) {
    issues.add(`${at}.version`, 'required', {
      fr: 'Le questionnaire doit avoir une version : une nouvelle version ne change pas les réponses passées.',
      en: 'The questionnaire needs a version: a new version never changes past answers.',
    });
  }
  const located = new Map<string, Located>();
  let count = 0;
  const visit = (list: unknown, path: string, parent: string | undefined): void => {
    if (!Array.isArray(list) || list.length === 0) {
      issues.add(path, 'required', {
        fr: `« ${path} » doit être une liste d’éléments non vide.`,
        en: `"${path}" must be a non-empty list of items.`,
      });
      return;
    }
    list.forEach((raw, index) => {
      const where = `${path}[${index}]`;
      if (++count > LIMITS.items) {
        if (count === LIMITS.items + 1)
          issues.add(where, 'out-of-range', { fr: `Au plus ${LIMITS.items} éléments.`, en: `At most ${LIMITS.items} items.` });
        return;
      }
      if (!isObject(raw)) {
        issues.add(where, 'invalid-type', { fr: `« ${where} » doit être un objet.`, en: `"${where}" must be an object.` });
        return;
      }
      const item = raw as unknown as QuestionnaireItem;
      if (!isText(item.linkId, LIMITS.linkId)) {
        issues.add(`${where}.linkId`, 'required', {
          fr: `« ${where} » doit avoir un linkId (au plus ${LIMITS.linkId} caractères).`,
          en: `"${where}" needs a linkId (at most ${LIMITS.linkId} characters).`,
        });
        return;
      }
      const name = item.linkId;
      if (located.has(name)) {
        issues.add(`${where}.linkId`, 'duplicate', {
          fr: `Le linkId « ${name} » est utilisé deux fois.`,
          en: `The linkId "${name}" is used twice.`,
        });
        return;
      }
      if (!(ITEM_TYPES as readonly string[]).includes(item.type)) {
        issues.add(`${where}.type`, 'unknown-type', {
          fr: `L’élément « ${name} » a un type inconnu (${JSON.stringify(item.type)}) ; types acceptés : ${ITEM_TYPES.join(', ')}.`,
          en: `Item "${name}" has an unknown type (${JSON.stringify(item.type)}); accepted types: ${ITEM_TYPES.join(', ')}.`,
        });
        return;
      }
      if (item.text !== undefined && !isText(item.text)) {
        issues.add(`${where}.text`, 'invalid-value', {
          fr: `Le texte de « ${name} » est vide ou trop long.`,
          en: `The text of "${name}" is empty or too long.`,
        });
      }
      located.set(name, { item, path: where, parent });
      if (item.type === 'group') visit(item.item, `${where}.item`, name);
      else if (item.item !== undefined) {
        issues.add(`${where}.item`, 'invalid-value', {
          fr: `Seul un groupe contient des éléments (« ${name} » est de type ${item.type}).`,
          en: `Only a group holds items ("${name}" is of type ${item.type}).`,
        });
      }
      if (item.type === 'choice' || item.type === 'open-choice') {
        const options = item.answerOption;
        const codes = Array.isArray(options) ? optionCodes(item) : [];
        if (!Array.isArray(options) || options.length === 0 || options.length > LIMITS.options || codes.length !== options.length) {
          issues.add(`${where}.answerOption`, 'invalid-value', {
            fr: `Le choix « ${name} » doit proposer de 1 à ${LIMITS.options} options, chacune avec un code.`,
            en: `The choice "${name}" must offer 1 to ${LIMITS.options} options, each with a code.`,
          });
        } else if (new Set(codes).size !== codes.length) {
          issues.add(`${where}.answerOption`, 'duplicate', {
            fr: `Le choix « ${name} » propose deux fois un code.`,
            en: `The choice "${name}" offers a code twice.`,
          });
        }
      }
    });
  };
  visit(q.item, `${at}.item`, undefined);
  for (const { item, path } of located.values()) checkEnableWhen(item, path, located, issues);
  checkCycles(located, issues);
  checkSafetyItems(located, issues);
  return located;
}

const EXPECTED_ANSWER: Record<string, readonly string[]> = {
  boolean: ['answerBoolean'],
  integer: ['answerInteger'],
  decimal: ['answerDecimal', 'answerInteger'],
  choice: ['answerCoding', 'answerString'],
  'open-choice': ['answerCoding', 'answerString'],
  string: ['answerString'],
  text: ['answerString'],
  date: ['answerDate'],
};

function checkEnableWhen(item: QuestionnaireItem, path: string, located: Map<string, Located>, issues: Issues): void {
  const conditions = item.enableWhen as unknown;
  if (conditions === undefined) return;
  const name = item.linkId;
  if (!Array.isArray(conditions) || conditions.length === 0 || conditions.length > LIMITS.enableWhen) {
    issues.add(`${path}.enableWhen`, 'invalid-value', {
      fr: `enableWhen de « ${name} » doit être une liste de 1 à ${LIMITS.enableWhen} conditions.`,
      en: `enableWhen of "${name}" must be a list of 1 to ${LIMITS.enableWhen} conditions.`,
    });
    return;
  }
  if (conditions.length > 1 && item.enableBehavior !== 'all' && item.enableBehavior !== 'any') {
    issues.add(`${path}.enableBehavior`, 'required', {
      fr: `« ${name} » a plusieurs conditions : enableBehavior doit valoir "all" ou "any".`,
      en: `"${name}" has several conditions: enableBehavior must be "all" or "any".`,
    });
  }
  conditions.forEach((raw: unknown, index) => {
    const where = `${path}.enableWhen[${index}]`;
    if (!isObject(raw)) {
      issues.add(where, 'invalid-type', { fr: `« ${where} » doit être un objet.`, en: `"${where}" must be an object.` });
      return;
    }
    const condition = raw as unknown as QuestionnaireItemEnableWhen;
    const target = typeof condition.question === 'string' ? located.get(condition.question) : undefined;
    if (!target) {
      issues.add(`${where}.question`, 'unknown-question', {
        fr: `enableWhen de « ${name} » renvoie à « ${String(condition.question)} », qui n’existe pas dans le questionnaire.`,
        en: `enableWhen of "${name}" points to "${String(condition.question)}", which does not exist in the questionnaire.`,
      });
      return;
    }
    if (!isAnswerable(target.item)) {
      issues.add(`${where}.question`, 'invalid-value', {
        fr: `enableWhen de « ${name} » renvoie à « ${condition.question} », qui n’est pas une question.`,
        en: `enableWhen of "${name}" points to "${condition.question}", which is not a question.`,
      });
      return;
    }
    if (!(OPERATORS as readonly string[]).includes(condition.operator)) {
      issues.add(`${where}.operator`, 'invalid-value', {
        fr: `L’opérateur de « ${name} » doit être l’un de : ${OPERATORS.join(' ')}.`,
        en: `The operator of "${name}" must be one of: ${OPERATORS.join(' ')}.`,
      });
      return;
    }
    const given = Object.keys(condition).filter((key) => key.startsWith('answer'));
    const expected = condition.operator === 'exists' ? ['answerBoolean'] : EXPECTED_ANSWER[target.item.type]!;
    if (given.length !== 1 || !expected.includes(given[0]!) || enableWhenValue(condition) === undefined) {
      issues.add(where, 'invalid-value', {
        fr: `La condition de « ${name} » sur « ${condition.question} » doit donner une seule valeur parmi ${expected.join(', ')}.`,
        en: `The condition of "${name}" on "${condition.question}" must give one value among ${expected.join(', ')}.`,
      });
    }
  });
}

/**
 * An item's visibility depends on its parent's and on the questions its enableWhen names; a loop
 * in those dependencies (A shown when B, B shown when A; a group shown when its own child) has no
 * answer, so it is refused.
 */
function checkCycles(located: Map<string, Located>, issues: Issues): void {
  const dependencies = (linkId: string): string[] => {
    const { item, parent } = located.get(linkId)!;
    const named = (item.enableWhen ?? []).map((c) => c.question).filter((q) => located.has(q));
    return parent === undefined ? named : [parent, ...named];
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (linkId: string, trail: string[]): void => {
    if (state.get(linkId) === 'done') return;
    if (state.get(linkId) === 'visiting') {
      const loop = [...trail.slice(trail.indexOf(linkId)), linkId];
      const key = [...loop].sort().join(' ');
      if (reported.has(key)) return;
      reported.add(key);
      issues.add(located.get(linkId)!.path, 'cycle', {
        fr: `Les conditions d’affichage forment une boucle : ${loop.join(' → ')}.`,
        en: `The display conditions form a cycle: ${loop.join(' → ')}.`,
      });
      return;
    }
    state.set(linkId, 'visiting');
    for (const next of dependencies(linkId)) visit(next, [...trail, linkId]);
    state.set(linkId, 'done');
  };
  for (const linkId of located.keys()) visit(linkId, []);
}

function checkSafetyItems(located: Map<string, Located>, issues: Issues): void {
  for (const [linkId, safety] of Object.entries(SAFETY_ITEMS)) {
    const found = located.get(linkId);
    if (!found) {
      issues.add('questionnaire.item', 'missing-safety-item', {
        fr: `La question de sécurité « ${linkId} » manque : elle ne peut pas être retirée d’un questionnaire de triage.`,
        en: `The safety item "${linkId}" is missing: it cannot be removed from a triage questionnaire.`,
      });
      continue;
    }
    const { item, path } = found;
    const changed = (fr: string, en: string) =>
      issues.add(path, 'safety-item-changed', {
        fr: `La question de sécurité « ${linkId} » ${fr}`,
        en: `The safety item "${linkId}" ${en}`,
      });
    if (item.type !== safety.type) {
      changed(`doit être de type ${safety.type}.`, `must be of type ${safety.type}.`);
      continue;
    }
    const codes = optionCodes(item);
    const missing = (safety.codes ?? []).filter((code) => !codes.includes(code));
    if (missing.length) changed(`doit proposer les codes ${missing.join(', ')}.`, `must offer the codes ${missing.join(', ')}.`);
    const min = boundOf(item, 'minValue');
    const max = boundOf(item, 'maxValue');
    if (
      (min !== undefined && safety.min !== undefined && min > safety.min) ||
      (max !== undefined && safety.max !== undefined && max < safety.max)
    ) {
      changed(`doit accepter les valeurs de ${safety.min} à ${safety.max}.`, `must accept the values from ${safety.min} to ${safety.max}.`);
    }
    const conditions = item.enableWhen ?? [];
    const shownAsContract = safety.shownWhenTrue
      ? conditions.length === 0 ||
        (conditions.length === 1 &&
          conditions[0]!.question === safety.shownWhenTrue &&
          conditions[0]!.operator === '=' &&
          conditions[0]!.answerBoolean === true)
      : conditions.length === 0;
    if (!shownAsContract) {
      changed(
        safety.shownWhenTrue
          ? `ne peut dépendre que de « ${safety.shownWhenTrue} » = true.`
          : 'doit toujours être posée (pas de enableWhen).',
        safety.shownWhenTrue ? `may only depend on "${safety.shownWhenTrue}" = true.` : 'must always be asked (no enableWhen).',
      );
    }
    // Nor hidden by its groups.
    for (let parent = found.parent; parent !== undefined; parent = located.get(parent)?.parent) {
      const group = located.get(parent)!.item;
      if (group.enableWhen?.length)
        changed(
          `est dans le groupe « ${parent} », qui a des conditions d’affichage.`,
          `is in the group "${parent}", which has display conditions.`,
        );
    }
    for (let at: string | undefined = linkId; at !== undefined; at = located.get(at)?.parent) {
      if (located.get(at)!.item.extension?.some((e) => e.url === HIDDEN && e.valueBoolean))
        changed('ne peut pas être cachée.', 'cannot be hidden.');
    }
  }
}

function checkOrientation(value: unknown, located: Map<string, Located>, issues: Issues): void {
  const at = 'orientation';
  if (!isObject(value) || !Array.isArray(value['rules']) || !isObject(value['reasons'])) {
    issues.add(at, 'invalid-type', {
      fr: '« orientation » doit être un objet { rules: [...], reasons: {...} }.',
      en: '"orientation" must be an object { rules: [...], reasons: {...} }.',
    });
    return;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'rules' && key !== 'reasons') {
      issues.add(`${at}.${key}`, 'unknown-field', { fr: `« ${key} » n’est pas attendu ici.`, en: `"${key}" is not expected here.` });
    }
  }
  const reasons = value['reasons'];
  const reasonCodes = Object.keys(reasons);
  if (reasonCodes.length > LIMITS.reasons)
    issues.add(`${at}.reasons`, 'out-of-range', { fr: `Au plus ${LIMITS.reasons} raisons.`, en: `At most ${LIMITS.reasons} reasons.` });
  for (const code of reasonCodes) {
    const text = reasons[code];
    const numbers = isObject(text) ? text['numbers'] : undefined;
    if (
      !isObject(text) ||
      !isText(text['fr']) ||
      !isText(text['en']) ||
      Object.keys(text).some((k) => !['fr', 'en', 'numbers'].includes(k)) ||
      (numbers !== undefined &&
        (!Array.isArray(numbers) || numbers.length > 5 || !numbers.every((n) => typeof n === 'string' && /^\d{2,6}$/.test(n))))
    ) {
      issues.add(`${at}.reasons.${code}`, 'invalid-value', {
        fr: `La raison « ${code} » doit avoir une phrase fr et en (et des numéros facultatifs).`,
        en: `The reason "${code}" needs a fr and an en sentence (and optional numbers).`,
      });
    }
  }
  const rules = value['rules'] as unknown[];
  if (rules.length > LIMITS.rules) {
    issues.add(`${at}.rules`, 'out-of-range', { fr: `Au plus ${LIMITS.rules} règles.`, en: `At most ${LIMITS.rules} rules.` });
    return;
  }
  const ids = new Set<string>();
  const safety = new Map(SAFETY_RULES.map((rule) => [rule.id, JSON.stringify(rule)]));
  rules.forEach((raw, index) => {
    const where = `${at}.rules[${index}]`;
    const bad = (field: string, fr: string, en: string) => issues.add(field ? `${where}.${field}` : where, 'invalid-value', { fr, en });
    if (!isObject(raw)) return bad('', `La règle ${index} doit être un objet.`, `Rule ${index} must be an object.`);
    const id = raw['id'];
    if (!isText(id, LIMITS.linkId)) return bad('id', `La règle ${index} doit avoir un id.`, `Rule ${index} needs an id.`);
    if (ids.has(id)) return bad('id', `L’id de règle « ${id} » est utilisé deux fois.`, `The rule id "${id}" is used twice.`);
    ids.add(id);
    if (safety.has(id) && safety.get(id) !== JSON.stringify(raw)) {
      return bad('', `La règle de sécurité « ${id} » ne peut pas être modifiée.`, `The safety rule "${id}" cannot be changed.`);
    }
    const unknown = Object.keys(raw).filter((k) => !['id', 'when', 'outcome', 'severity', 'flags', 'reason'].includes(k));
    if (unknown.length) bad(unknown[0]!, `« ${unknown[0]} » n’est pas un champ d’une règle.`, `"${unknown[0]}" is not a field of a rule.`);
    if (!(OUTCOMES as readonly unknown[]).includes(raw['outcome']))
      bad('outcome', `Issue inconnue ; attendu : ${OUTCOMES.join(', ')}.`, `Unknown outcome; expected: ${OUTCOMES.join(', ')}.`);
    if (!(SEVERITIES as readonly unknown[]).includes(raw['severity'])) {
      bad('severity', `Gravité inconnue ; attendu : ${SEVERITIES.join(', ')}.`, `Unknown severity; expected: ${SEVERITIES.join(', ')}.`);
    }
    const flags = raw['flags'];
    if (flags !== undefined && (!Array.isArray(flags) || flags.length > LIMITS.flags || !flags.every((f) => isText(f, LIMITS.linkId)))) {
      bad('flags', 'Les drapeaux doivent être une liste de codes.', 'Flags must be a list of codes.');
    }
    const reason = raw['reason'];
    if (reason !== undefined && (typeof reason !== 'string' || !reasonCodes.includes(reason))) {
      bad(
        'reason',
        `La raison « ${String(reason)} » n’est pas définie dans reasons.`,
        `The reason "${String(reason)}" is not defined in reasons.`,
      );
    }
    checkCondition(raw['when'], `${where}.when`, located, issues, 0);
  });
}

function checkCondition(value: unknown, path: string, located: Map<string, Located>, issues: Issues, depth: number): void {
  const bad = (fr: string, en: string) => issues.add(path, 'invalid-value', { fr, en });
  if (depth > LIMITS.depth)
    return bad(`Conditions imbriquées sur plus de ${LIMITS.depth} niveaux.`, `Conditions nested deeper than ${LIMITS.depth} levels.`);
  if (!isObject(value)) return bad('Une condition doit être un objet.', 'A condition must be an object.');
  const keys = Object.keys(value).sort().join(',');
  const condition = value as unknown as Condition;
  if (keys === 'all' || keys === 'any') {
    const list = (value as Raw)[keys];
    if (!Array.isArray(list) || list.length === 0 || list.length > 50)
      return bad(`« ${keys} » doit être une liste de 1 à 50 conditions.`, `"${keys}" must be a list of 1 to 50 conditions.`);
    list.forEach((c, i) => checkCondition(c, `${path}.${keys}[${i}]`, located, issues, depth + 1));
    return;
  }
  if (keys === 'not') return checkCondition((value as Raw)['not'], `${path}.not`, located, issues, depth + 1);
  if (keys === 'sex') {
    if (!(SEXES as readonly unknown[]).includes((value as Raw)['sex'])) bad('« sex » doit valoir "F" ou "M".', '"sex" must be "F" or "M".');
    return;
  }
  if (keys === 'ageMonths') {
    const range = (value as Raw)['ageMonths'];
    const ok =
      isObject(range) &&
      Object.keys(range).length > 0 &&
      Object.entries(range).every(([k, v]) => (k === 'atLeast' || k === 'below') && typeof v === 'number' && Number.isFinite(v));
    if (!ok) bad('« ageMonths » doit être { atLeast?, below? } en mois.', '"ageMonths" must be { atLeast?, below? } in months.');
    return;
  }
  const comparison = ['answer,equals', 'answer,atLeast', 'answer,below', 'answer,answered'];
  if (!comparison.includes(keys)) {
    return bad(
      'Condition inconnue : all, any, not, sex, ageMonths, ou answer avec equals, atLeast, below ou answered.',
      'Unknown condition: all, any, not, sex, ageMonths, or answer with equals, atLeast, below or answered.',
    );
  }
  const linkId = (value as Raw)['answer'];
  const target = typeof linkId === 'string' ? located.get(linkId) : undefined;
  if (!target || !isAnswerable(target.item)) {
    return bad(
      `La règle renvoie à la question « ${String(linkId)} », qui n’existe pas.`,
      `The rule points to the question "${String(linkId)}", which does not exist.`,
    );
  }
  if ('answered' in condition && typeof condition.answered !== 'boolean')
    bad('« answered » doit être un booléen.', '"answered" must be a boolean.');
  if ('atLeast' in condition || 'below' in condition) {
    const n = 'atLeast' in condition ? condition.atLeast : (condition as { below: unknown }).below;
    if (typeof n !== 'number' || !Number.isFinite(n) || (target.item.type !== 'integer' && target.item.type !== 'decimal')) {
      bad(
        `Une comparaison numérique porte sur une question numérique (« ${linkId} »).`,
        `A numeric comparison needs a numeric question ("${String(linkId)}").`,
      );
    }
  }
  if ('equals' in condition) {
    const expected = condition.equals;
    const type = target.item.type;
    const fits =
      type === 'boolean'
        ? typeof expected === 'boolean'
        : type === 'integer' || type === 'decimal'
          ? typeof expected === 'number'
          : type === 'choice'
            ? typeof expected === 'string' && optionCodes(target.item).includes(expected)
            : typeof expected === 'string';
    if (!fits)
      bad(
        `La valeur comparée ne convient pas à la question « ${linkId} ».`,
        `The value compared does not fit the question "${String(linkId)}".`,
      );
  }
}
