// The oncology programme's symptom questionnaire (patients on systemic therapy), in the triage
// engine's format (a FHIR R4 Questionnaire with French text and English translations), and its
// scoring: each symptom graded 0–3 after the NCI CTCAE v5 grades a patient can report themself
// (PRO-CTCAE style), the highest grade becoming a `symptomGrade` reading the programme's threshold
// rule turns into an alert (1 info, 2 warning, 3 urgent). Guidance for the team, not a diagnosis.
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { checkAnswers, checkRequiredAnswers } from '../triage/answers.js';
import { item, options, translation, type Text } from '../triage/authoring.js';
import { dropHiddenAnswers, EXTENSIONS } from '../triage/engine.js';
import type { AnswerValue, Answers, Message, TriageIssue, TriageQuestionnaire } from '../triage/types.js';
import type { AlertLevel } from './programmes.js';

export const ONCOLOGY_QUESTIONNAIRE_URL = 'urn:parcours:questionnaire:telemonitoring-oncology';
export const ONCOLOGY_QUESTIONNAIRE_VERSION = '1.0.0';
const CODES = `${ONCOLOGY_QUESTIONNAIRE_URL}:codes`;

/** A choice whose options are listed from no symptom to the most severe (their index is not their grade: see GRADES). */
function choice(linkId: string, text: Text, choices: [code: string, fr: string, en: string][]): QuestionnaireItem {
  return item(linkId, 'choice', text, {
    required: true,
    answerOption: options(CODES, choices),
  });
}

const questionnaire = {
  resourceType: 'Questionnaire',
  url: ONCOLOGY_QUESTIONNAIRE_URL,
  version: ONCOLOGY_QUESTIONNAIRE_VERSION,
  name: 'TelemonitoringOncologySymptoms',
  title: 'Vos symptômes cette semaine',
  _title: translation('Your symptoms this week'),
  status: 'active',
  language: 'fr',
  subjectType: ['Patient'],
  item: [
    item('fever-breathing', 'group', ['Fièvre et respiration', 'Fever and breathing'], {
      item: [
        item('fever', 'boolean', ['Avez-vous eu 38 °C ou plus de température ?', 'Have you had a temperature of 38 °C or more?'], {
          required: true,
        }),
        item(
          'temperature',
          'decimal',
          ['Votre température la plus haute, si vous l’avez mesurée', 'Your highest temperature, if you measured it'],
          {
            extension: [
              { url: EXTENSIONS.minValue, valueDecimal: 34 },
              { url: EXTENSIONS.maxValue, valueDecimal: 43 },
              { url: EXTENSIONS.unit, valueCoding: { system: 'http://unitsofmeasure.org', code: 'Cel', display: '°C' } },
            ],
            enableWhen: [{ question: 'fever', operator: '=', answerBoolean: true }],
          },
        ),
        choice(
          'dyspnoea',
          ['Êtes-vous essoufflé(e) ?', 'Are you short of breath?'],
          [
            ['none', 'Non', 'No'],
            ['exertion', 'Lors d’efforts importants', 'On strong exertion'],
            ['minimal-exertion', 'Lors d’efforts légers (marcher, s’habiller)', 'On light exertion (walking, dressing)'],
            ['rest', 'Au repos', 'At rest'],
          ],
        ),
        choice(
          'bleeding',
          ['Avez-vous saigné ?', 'Have you had any bleeding?'],
          [
            ['none', 'Non', 'No'],
            ['minor', 'Un peu (gencives, nez), arrêté seul', 'A little (gums, nose), stopped by itself'],
            [
              'major',
              'Un saignement qui ne s’arrête pas, ou du sang dans les selles, les urines ou les vomissements',
              'Bleeding that does not stop, or blood in stools, urine or vomit',
            ],
          ],
        ),
      ],
    }),
    item('digestion', 'group', ['Digestion et bouche', 'Digestion and mouth'], {
      item: [
        choice(
          'diarrhoea',
          ['Diarrhée : combien de selles de plus que d’habitude par jour ?', 'Diarrhoea: how many more stools a day than usual?'],
          [
            ['none', 'Pas de diarrhée', 'No diarrhoea'],
            ['1-3', '1 à 3 de plus', '1 to 3 more'],
            ['4-6', '4 à 6 de plus', '4 to 6 more'],
            ['7+', '7 ou plus de plus', '7 or more'],
          ],
        ),
        choice(
          'vomiting',
          ['Vomissements : combien de fois en 24 heures ?', 'Vomiting: how many times in 24 hours?'],
          [
            ['none', 'Pas de vomissement', 'No vomiting'],
            ['1-2', '1 ou 2 fois', '1 or 2 times'],
            ['3-5', '3 à 5 fois', '3 to 5 times'],
            ['6+', '6 fois ou plus', '6 times or more'],
          ],
        ),
        choice(
          'mucositis',
          ['Avez-vous mal dans la bouche (aphtes, mucite) ?', 'Is your mouth sore (ulcers, mucositis)?'],
          [
            ['none', 'Non', 'No'],
            ['mild', 'Un peu, je mange normalement', 'A little, I eat normally'],
            ['moderate', 'Je dois manger mou ou mixé', 'I must eat soft or blended food'],
            ['severe', 'Je ne peux ni manger ni boire', 'I can neither eat nor drink'],
          ],
        ),
      ],
    }),
    item('general', 'group', ['Douleur et fatigue', 'Pain and tiredness'], {
      item: [
        item('pain', 'integer', ['Votre douleur la plus forte, de 0 (aucune) à 10', 'Your worst pain, from 0 (none) to 10'], {
          required: true,
          extension: [
            { url: EXTENSIONS.minValue, valueInteger: 0 },
            { url: EXTENSIONS.maxValue, valueInteger: 10 },
          ],
        }),
        choice(
          'fatigue',
          ['Êtes-vous fatigué(e) ?', 'Are you tired?'],
          [
            ['none', 'Non', 'No'],
            ['relieved-by-rest', 'Oui, le repos me soulage', 'Yes, rest relieves it'],
            ['limits-activities', 'Oui, je ne fais plus mes activités habituelles', 'Yes, I no longer do my usual activities'],
            ['limits-self-care', 'Oui, j’ai du mal à me laver ou m’habiller seul(e)', 'Yes, I struggle to wash or dress on my own'],
          ],
        ),
      ],
    }),
  ],
};

/**
 * In the triage format: the questionnaire and orientation rules. It has no orientation of its own —
 * its answers are scored into an alert for the team (`scoreOncologyQuestionnaire`), never a red flag
 * that stops it half-way.
 */
export const ONCOLOGY_QUESTIONNAIRE: TriageQuestionnaire = {
  questionnaire: questionnaire as Questionnaire,
  orientation: { rules: [], reasons: {} },
};

export const ONCOLOGY_SYMPTOMS = ['fever', 'dyspnoea', 'bleeding', 'diarrhoea', 'vomiting', 'mucositis', 'pain', 'fatigue'] as const;
export type OncologySymptom = (typeof ONCOLOGY_SYMPTOMS)[number];

/** The answers of a week without any symptom (every grade 0): what tests and the demo vary from. */
export const ONCOLOGY_ANSWERS_WITHOUT_SYMPTOMS = {
  fever: false,
  dyspnoea: 'none',
  bleeding: 'none',
  diarrhoea: 'none',
  vomiting: 'none',
  mucositis: 'none',
  pain: 0,
  fatigue: 'none',
} as const satisfies Answers;

/** Each choice's grade (CTCAE v5, as a patient can tell it). */
const GRADES: Record<Exclude<OncologySymptom, 'fever' | 'pain'>, Record<string, number>> = {
  dyspnoea: { none: 0, exertion: 1, 'minimal-exertion': 2, rest: 3 },
  // A bleeding that does not stop, or blood in stools, urine or vomit, needs a look today at least.
  bleeding: { none: 0, minor: 1, major: 3 },
  // CTCAE diarrhoea: < 4 stools over baseline grade 1, 4–6 grade 2, ≥ 7 grade 3.
  diarrhoea: { none: 0, '1-3': 1, '4-6': 2, '7+': 3 },
  // CTCAE vomiting: 1–2 episodes in 24 h grade 1, 3–5 grade 2, ≥ 6 grade 3.
  vomiting: { none: 0, '1-2': 1, '3-5': 2, '6+': 3 },
  mucositis: { none: 0, mild: 1, moderate: 2, severe: 3 },
  fatigue: { none: 0, 'relieved-by-rest': 1, 'limits-activities': 2, 'limits-self-care': 3 },
};

const NAMES: Record<OncologySymptom, Message> = {
  fever: { fr: 'Fièvre', en: 'Fever' },
  dyspnoea: { fr: 'Essoufflement', en: 'Shortness of breath' },
  bleeding: { fr: 'Saignement', en: 'Bleeding' },
  diarrhoea: { fr: 'Diarrhée', en: 'Diarrhoea' },
  vomiting: { fr: 'Vomissements', en: 'Vomiting' },
  mucositis: { fr: 'Mucite', en: 'Mucositis' },
  pain: { fr: 'Douleur', en: 'Pain' },
  fatigue: { fr: 'Fatigue', en: 'Fatigue' },
};

/** The temperature at which fever under chemotherapy is a febrile neutropenia until proven otherwise. */
export const FEVER_CELSIUS = 38;

export interface SymptomFinding {
  symptom: OncologySymptom;
  grade: number;
  message: Message;
}

export interface OncologyScore {
  /** The highest grade of any symptom, 0–3: the value of the `symptomGrade` reading. */
  grade: number;
  /** The alert level this grade raises with the programme's default rule: none for grade 0. */
  level?: AlertLevel;
  /** The symptoms graded 1 or more, the most severe first. */
  findings: SymptomFinding[];
}

/** The default rule's mapping (programmes.ts, `symptom-grade-high`): 1 info, 2 warning, 3 or more urgent. */
export function levelOfGrade(grade: number): AlertLevel | undefined {
  return grade >= 3 ? 'urgent' : grade === 2 ? 'warning' : grade === 1 ? 'info' : undefined;
}

function painGrade(value: number): number {
  // CTCAE pain: mild (1–3) grade 1, moderate (4–6) grade 2, severe (7–10) grade 3.
  return value >= 7 ? 3 : value >= 4 ? 2 : value >= 1 ? 1 : 0;
}

function finding(symptom: OncologySymptom, grade: number, answers: Answers): SymptomFinding {
  const name = NAMES[symptom];
  if (symptom === 'fever') {
    const measured = typeof answers['temperature'] === 'number' ? answers['temperature'] : undefined;
    const at = measured === undefined ? '' : ` (${String(measured).replace('.', ',')} °C)`;
    return {
      symptom,
      grade,
      message: {
        fr: `Fièvre ≥ ${FEVER_CELSIUS} °C sous traitement${at} : risque de neutropénie fébrile.`,
        en: `Fever ≥ ${FEVER_CELSIUS} °C on treatment${measured === undefined ? '' : ` (${measured} °C)`}: risk of febrile neutropenia.`,
      },
    };
  }
  const extra =
    symptom === 'pain' ? { fr: ` (${String(answers['pain'])}/10)`, en: ` (${String(answers['pain'])}/10)` } : { fr: '', en: '' };
  return { symptom, grade, message: { fr: `${name.fr}${extra.fr} : grade ${grade}.`, en: `${name.en}${extra.en}: grade ${grade}.` } };
}

/**
 * Scores answers to the oncology questionnaire (answers to hidden items are dropped first). Fever of
 * 38 °C or more — said, or measured — is grade 3 under systemic therapy: febrile neutropenia is an
 * emergency until a blood count says otherwise. The answers must have been checked
 * (`checkOncologyAnswers`): an unknown choice counts as no symptom.
 */
export function scoreOncologyQuestionnaire(answers: Answers): OncologyScore {
  const kept = dropHiddenAnswers(ONCOLOGY_QUESTIONNAIRE.questionnaire, answers);
  const findings: SymptomFinding[] = [];
  const temperature = kept['temperature'];
  const hasFever = kept['fever'] === true || (typeof temperature === 'number' && temperature >= FEVER_CELSIUS);
  if (hasFever) findings.push(finding('fever', 3, kept));
  for (const [symptom, grades] of Object.entries(GRADES) as [keyof typeof GRADES, Record<string, number>][]) {
    const answer: AnswerValue | undefined = kept[symptom];
    const grade = typeof answer === 'string' ? (grades[answer] ?? 0) : 0;
    if (grade > 0) findings.push(finding(symptom, grade, kept));
  }
  if (typeof kept['pain'] === 'number' && painGrade(kept['pain']) > 0) findings.push(finding('pain', painGrade(kept['pain']), kept));
  findings.sort((a, b) => b.grade - a.grade || ONCOLOGY_SYMPTOMS.indexOf(a.symptom) - ONCOLOGY_SYMPTOMS.indexOf(b.symptom));
  const grade = findings[0]?.grade ?? 0;
  const level = levelOfGrade(grade);
  return { grade, ...(level ? { level } : {}), findings };
}

/** The issues of answers to the oncology questionnaire: unknown questions, wrong values, shown questions unanswered. */
export function checkOncologyAnswers(answers: unknown): TriageIssue[] {
  const issues = checkAnswers(ONCOLOGY_QUESTIONNAIRE.questionnaire, answers);
  if (issues.length) return issues;
  return checkRequiredAnswers(ONCOLOGY_QUESTIONNAIRE.questionnaire, answers as Answers);
}
