// The contract's safety items (shared/triage/contract.md): every triage questionnaire holds them with
// these linkIds, types and codes, and the safety rules below always apply to it — an organisation's
// copy can add questions and rules, never weaken these. Medical basis: shared/rules/factsheet.md §8.
import type { OrientationRule, ReasonText } from './types.js';

export interface SafetyItem {
  type: 'boolean' | 'integer' | 'decimal' | 'choice';
  /** The codes a choice must offer. */
  codes?: readonly string[];
  /** The only question whose `true` may show it (the contract's follow-ups). */
  shownWhenTrue?: string;
  min?: number;
  max?: number;
}

export const BREATHING = ['normal', 'short', 'severe'] as const;
export const ABDOMINAL_PAIN = ['none', 'mild', 'severe'] as const;

export const SAFETY_ITEMS: Readonly<Record<string, SafetyItem>> = {
  'chest-pain': { type: 'boolean' },
  // A year of minutes: the question is about now or the last hours; more is a mistake, not a case.
  'chest-pain-minutes': { type: 'integer', shownWhenTrue: 'chest-pain', min: 0, max: 525_600 },
  'chest-pain-radiates': { type: 'boolean', shownWhenTrue: 'chest-pain' },
  'chest-pain-with-symptoms': { type: 'boolean', shownWhenTrue: 'chest-pain' },
  'stroke-signs': { type: 'boolean' },
  'sudden-severe-headache': { type: 'boolean' },
  'loss-of-consciousness': { type: 'boolean' },
  confusion: { type: 'boolean' },
  breathing: { type: 'choice', codes: BREATHING },
  'severe-allergy': { type: 'boolean' },
  'heavy-bleeding': { type: 'boolean' },
  'suicidal-thoughts': { type: 'boolean' },
  // Measured temperatures: below 25 °C or above 45 °C is a typing mistake.
  'fever-celsius': { type: 'decimal', min: 25, max: 45 },
  'stiff-neck-or-rash': { type: 'boolean' },
  'abdominal-pain': { type: 'choice', codes: ABDOMINAL_PAIN },
  pregnant: { type: 'boolean' },
  'pregnancy-bleeding-or-pain': { type: 'boolean', shownWhenTrue: 'pregnant' },
  'symptom-days': { type: 'integer', min: 0, max: 36_500 },
  'needs-examination': { type: 'boolean' },
  'can-use-video': { type: 'boolean' },
  'needs-interpreter': { type: 'boolean' },
};

export const SAFETY_LINK_IDS = Object.keys(SAFETY_ITEMS);

/** 15: SAMU; 112: European emergency number, from any phone; 114: by text, for deaf and hard-of-hearing people. */
export const EMERGENCY_NUMBERS = ['15', '112', '114'] as const;
/** 3114: the national suicide prevention line, day and night. */
export const SUICIDE_PREVENTION_NUMBERS = ['3114', '15', '112', '114'] as const;

const CALL_15 = {
  fr: 'Appelez le 15 maintenant (112 depuis tout téléphone, 114 par SMS pour les personnes sourdes ou malentendantes).',
  en: 'Call 15 now (112 from any phone, 114 by text for deaf and hard-of-hearing people).',
};
const emergency = (fr: string, en: string): ReasonText => ({
  fr: `${fr} ${CALL_15.fr}`,
  en: `${en} ${CALL_15.en}`,
  numbers: [...EMERGENCY_NUMBERS],
});

const MONTHS_3 = 3;
const MONTHS_6 = 6;
const YEARS_75 = 75 * 12;

/**
 * The rules every triage questionnaire keeps. The strictest outcome reached wins; when in doubt,
 * the safer: a chest pain whose duration is not given is treated as a long one.
 */
export const SAFETY_RULES: OrientationRule[] = [
  // — The 15, at once (factsheet §8.2) —
  {
    id: 'chest-pain-acute',
    // Lasting 15 minutes or more, spreading, or with sweating, breathlessness, nausea or faintness.
    when: {
      all: [
        { answer: 'chest-pain', equals: true },
        {
          any: [
            { answer: 'chest-pain-minutes', answered: false },
            { answer: 'chest-pain-minutes', atLeast: 15 },
            { answer: 'chest-pain-radiates', equals: true },
            { answer: 'chest-pain-with-symptoms', equals: true },
          ],
        },
      ],
    },
    outcome: 'emergency-15',
    severity: 'high',
    flags: ['chest-pain'],
    reason: 'chest-pain-acute',
  },
  emergencyRule('stroke-signs', { answer: 'stroke-signs', equals: true }, ['stroke-signs']),
  emergencyRule('sudden-severe-headache', { answer: 'sudden-severe-headache', equals: true }, ['headache']),
  emergencyRule('loss-of-consciousness', { answer: 'loss-of-consciousness', equals: true }, ['loss-of-consciousness']),
  emergencyRule('confusion', { answer: 'confusion', equals: true }, ['confusion']),
  emergencyRule('respiratory-distress', { answer: 'breathing', equals: 'severe' }, ['breathlessness']),
  emergencyRule('anaphylaxis', { answer: 'severe-allergy', equals: true }, ['severe-allergy']),
  emergencyRule('heavy-bleeding', { answer: 'heavy-bleeding', equals: true }, ['bleeding']),
  emergencyRule('suicidal-thoughts', { answer: 'suicidal-thoughts', equals: true }, ['suicidal-thoughts']),
  emergencyRule('meningitis-or-purpura', { answer: 'stiff-neck-or-rash', equals: true }, ['fever', 'stiff-neck-or-rash']),
  emergencyRule('severe-abdominal-pain', { answer: 'abdominal-pain', equals: 'severe' }, ['abdominal-pain']),
  emergencyRule('pregnancy-bleeding-or-pain', { answer: 'pregnancy-bleeding-or-pain', equals: true }, ['pregnancy']),
  // Any fever before 3 months is an emergency (risk of a serious bacterial infection).
  emergencyRule('infant-fever', { all: [{ ageMonths: { below: MONTHS_3 } }, { answer: 'fever-celsius', atLeast: 38 }] }, [
    'fever',
    'infant',
  ]),
  emergencyRule(
    'hypothermia',
    {
      any: [{ answer: 'fever-celsius', below: 35 }, { all: [{ ageMonths: { below: MONTHS_3 } }, { answer: 'fever-celsius', below: 36 }] }],
    },
    ['hypothermia'],
  ),
  emergencyRule('hyperthermia', { answer: 'fever-celsius', atLeast: 41 }, ['fever']),

  // — A doctor must see the patient (high: today) —
  inPerson('chest-pain-brief', 'high', { answer: 'chest-pain', equals: true }, ['chest-pain']),
  inPerson(
    'young-infant-fever',
    'high',
    { all: [{ ageMonths: { atLeast: MONTHS_3, below: MONTHS_6 } }, { answer: 'fever-celsius', atLeast: 38 }] },
    ['fever', 'infant'],
  ),
  inPerson('young-infant', 'moderate', { ageMonths: { below: MONTHS_3 } }, ['infant']),
  inPerson(
    'breathlessness-with-fever',
    'high',
    {
      all: [
        { answer: 'breathing', equals: 'short' },
        { answer: 'fever-celsius', atLeast: 38 },
      ],
    },
    ['breathlessness', 'fever'],
  ),
  inPerson('breathlessness', 'moderate', { answer: 'breathing', equals: 'short' }, ['breathlessness']),
  inPerson(
    'pregnancy-fever',
    'high',
    {
      all: [
        { answer: 'pregnant', equals: true },
        { answer: 'fever-celsius', atLeast: 38 },
      ],
    },
    ['pregnancy', 'fever'],
  ),
  // Pain during pregnancy, even reported as abdominal pain only: examined today.
  inPerson(
    'pregnancy-abdominal-pain',
    'high',
    {
      all: [
        { answer: 'pregnant', equals: true },
        { answer: 'abdominal-pain', equals: 'mild' },
      ],
    },
    ['pregnancy', 'abdominal-pain'],
  ),
  inPerson('elderly-fever', 'moderate', { all: [{ ageMonths: { atLeast: YEARS_75 } }, { answer: 'fever-celsius', atLeast: 38 }] }, [
    'elderly',
    'fever',
  ]),
  inPerson(
    'prolonged-fever',
    'moderate',
    {
      all: [
        { answer: 'fever-celsius', atLeast: 38 },
        { answer: 'symptom-days', atLeast: 5 },
      ],
    },
    ['fever'],
  ),
  inPerson(
    'abdominal-pain-with-fever',
    'moderate',
    {
      all: [
        { answer: 'abdominal-pain', equals: 'mild' },
        { answer: 'fever-celsius', atLeast: 38 },
      ],
    },
    ['abdominal-pain', 'fever'],
  ),
  // HAS (2018, 2019): teleconsultation does not suit what needs a physical examination, nor a
  // patient who cannot see, hear or use the tools even with help.
  inPerson('examination-needed', 'none', { answer: 'needs-examination', equals: true }, ['examination-needed']),
  inPerson('video-impossible', 'none', { answer: 'can-use-video', equals: false }, ['no-video']),

  // — Teleconsultation, with what the practitioner should know —
  flagRule('fever', 'moderate', { answer: 'fever-celsius', atLeast: 38 }, ['fever']),
  flagRule('abdominal-pain', 'none', { answer: 'abdominal-pain', equals: 'mild' }, ['abdominal-pain']),
  flagRule('pregnancy', 'none', { answer: 'pregnant', equals: true }, ['pregnancy']),
  flagRule('interpreter-needed', 'none', { answer: 'needs-interpreter', equals: true }, ['interpreter-needed']),
  flagRule('elderly', 'none', { ageMonths: { atLeast: YEARS_75 } }, ['elderly']),
  flagRule('young-child', 'none', { ageMonths: { atLeast: MONTHS_3, below: 24 } }, ['infant']),
];

export const SAFETY_REASONS: Record<string, ReasonText> = {
  'chest-pain-acute': emergency(
    'Une douleur ou une oppression dans la poitrine qui dure, s’étend ou s’accompagne d’autres signes peut être un infarctus.',
    'Chest pain or tightness that lasts, spreads or comes with other signs may be a heart attack.',
  ),
  'stroke-signs': emergency(
    'Une bouche qui tombe, un bras ou une jambe faible, une parole difficile ou une vue perdue, même passagers, peuvent être un AVC.',
    'A drooping face, a weak arm or leg, trouble speaking or lost sight, even if gone, may be a stroke.',
  ),
  'sudden-severe-headache': emergency(
    'Un mal de tête brutal et violent doit être examiné en urgence.',
    'A sudden, violent headache must be examined as an emergency.',
  ),
  'loss-of-consciousness': emergency(
    'Une perte de connaissance doit être évaluée en urgence.',
    'A loss of consciousness must be assessed as an emergency.',
  ),
  confusion: emergency(
    'Une confusion ou une somnolence inhabituelle récente doit être évaluée en urgence.',
    'New confusion or unusual drowsiness must be assessed as an emergency.',
  ),
  'respiratory-distress': emergency('Une grande difficulté à respirer est une urgence.', 'Severe difficulty breathing is an emergency.'),
  anaphylaxis: emergency(
    'Un gonflement du visage, des lèvres ou de la gorge, ou une gêne respiratoire après une piqûre, un aliment ou un médicament peut être une allergie grave.',
    'Swelling of the face, lips or throat, or breathing trouble after a sting, food or medicine may be a severe allergy.',
  ),
  'heavy-bleeding': emergency(
    'Un saignement qui ne s’arrête pas, du sang vomi ou craché, ou des selles noires sont une urgence.',
    'Bleeding that does not stop, vomiting or coughing blood, or black stools are an emergency.',
  ),
  'suicidal-thoughts': {
    fr: 'Vous n’êtes pas seul·e. Appelez le 3114 (prévention du suicide, 24 h/24, gratuit) ou le 15 en cas de danger immédiat (112 depuis tout téléphone, 114 par SMS).',
    en: 'You are not alone. Call 3114 (suicide prevention, day and night, free) or 15 if you are in immediate danger (112 from any phone, 114 by text).',
    numbers: [...SUICIDE_PREVENTION_NUMBERS],
  },
  'meningitis-or-purpura': emergency(
    'Une fièvre avec une raideur de la nuque ou des taches qui ne s’effacent pas sous un verre peut être une méningite ou un purpura.',
    'Fever with a stiff neck or spots that do not fade under a glass may be meningitis or purpura.',
  ),
  'severe-abdominal-pain': emergency(
    'Une douleur intense du ventre doit être évaluée en urgence.',
    'Severe abdominal pain must be assessed as an emergency.',
  ),
  'pregnancy-bleeding-or-pain': emergency(
    'Des saignements ou des douleurs pendant la grossesse doivent être évalués en urgence.',
    'Bleeding or pain during pregnancy must be assessed as an emergency.',
  ),
  'infant-fever': emergency(
    'Une fièvre avant l’âge de 3 mois doit être évaluée en urgence.',
    'A fever in a baby under 3 months must be assessed as an emergency.',
  ),
  hypothermia: emergency('Une température aussi basse est une urgence.', 'A temperature this low is an emergency.'),
  hyperthermia: emergency('Une température de 41 °C ou plus est une urgence.', 'A temperature of 41 °C or more is an emergency.'),
  'chest-pain-brief': {
    fr: 'Une douleur dans la poitrine, même brève, doit être examinée aujourd’hui par un médecin. Si elle revient ou dure, appelez le 15.',
    en: 'Chest pain, even brief, must be examined by a doctor today. If it comes back or lasts, call 15.',
  },
  'young-infant-fever': {
    fr: 'Un bébé de moins de 6 mois qui a de la fièvre doit être examiné aujourd’hui.',
    en: 'A baby under 6 months with a fever must be examined today.',
  },
  'young-infant': {
    fr: 'Un bébé de moins de 3 mois doit être examiné en personne.',
    en: 'A baby under 3 months must be examined in person.',
  },
  'breathlessness-with-fever': {
    fr: 'Un essoufflement avec de la fièvre doit être examiné aujourd’hui.',
    en: 'Shortness of breath with a fever must be examined today.',
  },
  breathlessness: {
    fr: 'Un essoufflement doit être examiné en personne (auscultation, oxygène).',
    en: 'Shortness of breath must be examined in person (listening to the lungs, oxygen).',
  },
  'pregnancy-fever': {
    fr: 'Une fièvre pendant la grossesse doit être examinée aujourd’hui.',
    en: 'A fever during pregnancy must be examined today.',
  },
  'pregnancy-abdominal-pain': {
    fr: 'Une douleur du ventre pendant la grossesse doit être examinée aujourd’hui. Si elle s’accompagne de saignements ou devient forte, appelez le 15.',
    en: 'Abdominal pain during pregnancy must be examined today. If it comes with bleeding or becomes severe, call 15.',
  },
  'elderly-fever': {
    fr: 'Une fièvre après 75 ans doit être examinée en personne.',
    en: 'A fever after 75 must be examined in person.',
  },
  'prolonged-fever': {
    fr: 'Une fièvre qui dure depuis 5 jours ou plus doit être examinée en personne.',
    en: 'A fever lasting 5 days or more must be examined in person.',
  },
  'abdominal-pain-with-fever': {
    fr: 'Une douleur du ventre avec de la fièvre doit être examinée en personne.',
    en: 'Abdominal pain with a fever must be examined in person.',
  },
  'examination-needed': {
    fr: 'Votre demande nécessite un examen physique : une consultation au cabinet est proposée.',
    en: 'Your request needs a physical examination: an in-person consultation is offered.',
  },
  'video-impossible': {
    fr: 'Sans possibilité de voir, d’entendre ou d’utiliser un écran, une consultation au cabinet est proposée.',
    en: 'Without being able to see, hear or use a screen, an in-person consultation is offered.',
  },
  'teleconsultation-suitable': {
    fr: 'Une téléconsultation convient à votre demande.',
    en: 'A teleconsultation suits your request.',
  },
};

function emergencyRule(id: string, when: OrientationRule['when'], flags: string[]): OrientationRule {
  return { id, when, outcome: 'emergency-15', severity: 'high', flags, reason: id };
}

function inPerson(id: string, severity: OrientationRule['severity'], when: OrientationRule['when'], flags: string[]): OrientationRule {
  return { id, when, outcome: 'in-person', severity, flags, reason: id };
}

function flagRule(id: string, severity: OrientationRule['severity'], when: OrientationRule['when'], flags: string[]): OrientationRule {
  return { id, when, outcome: 'teleconsultation', severity, flags };
}
