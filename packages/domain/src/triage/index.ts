// Triage before a teleconsultation (shared/triage/contract.md): the questionnaire engine on FHIR R4
// Questionnaire data, the default questionnaire, its orientation rules and `orient`.
export * from './types.js';
export {
  ANSWERABLE_TYPES,
  answersOf,
  dropHiddenAnswers,
  EXTENSIONS as QUESTIONNAIRE_EXTENSIONS,
  indexItems,
  isAnswerable,
  ITEM_TYPES,
  responseOf,
  translated,
  boundOf,
  visibleLinkIds,
  withImpliedAnswers,
  type ItemType,
} from './engine.js';
export {
  checkAnswer,
  checkAnswers,
  checkRequiredAnswers,
  MAX_AGE,
  MAX_AGE_MONTHS,
  optionCodes,
  parseTriageCase,
  TriageCaseError,
  type CaseParse,
} from './answers.js';
export {
  ageInMonths,
  DEFAULT_REASON,
  orient,
  orientAnswers,
  orientCase,
  outcomeRank,
  reasonText,
  rulesOf,
  severityRank,
} from './orient.js';
export {
  ABDOMINAL_PAIN,
  BREATHING,
  EMERGENCY_NUMBERS,
  SAFETY_ITEMS,
  SAFETY_LINK_IDS,
  SAFETY_REASONS,
  SAFETY_RULES,
  SUICIDE_PREVENTION_NUMBERS,
  type SafetyItem,
} from './safety.js';
export {
  DEFAULT_ORIENTATION,
  DEFAULT_QUESTIONNAIRE,
  DEFAULT_QUESTIONNAIRE_URL,
  DEFAULT_QUESTIONNAIRE_VERSION,
  DEFAULT_TRIAGE,
} from './default-questionnaire.js';
export { LIMITS as TRIAGE_LIMITS, validateTriageQuestionnaire, type TriageQuestionnaireParse } from './validate.js';
export { ANSWERS_OPEN_WHILE } from './reopen.js';
