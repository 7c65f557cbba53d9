// The default pre-teleconsultation questionnaire, in French (its language) with English
// translations (FHIR translation extension): one group per screen; the contract's safety items
// with their linkIds; the reason, duration, treatments and allergies; and the context the rules
// engine needs for an exact reimbursement estimate (treating doctor, residence, coverage,
// pregnancy) so that booking does not ask twice.
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { item, options, translation, type Text } from './authoring.js';
import { EXTENSIONS } from './engine.js';
import { SAFETY_ITEMS, SAFETY_REASONS, SAFETY_RULES } from './safety.js';
import type { OrientationRules, TriageQuestionnaire } from './types.js';

export const DEFAULT_QUESTIONNAIRE_URL = 'urn:parcours:questionnaire:pre-teleconsultation';
export const DEFAULT_QUESTIONNAIRE_VERSION = '1.0.0';

function bounded(
  min: number,
  max: number,
  unit: { code: string; display: string },
  kind: 'valueInteger' | 'valueDecimal' = 'valueInteger',
): Partial<QuestionnaireItem> {
  return {
    extension: [
      { url: EXTENSIONS.minValue, [kind]: min },
      { url: EXTENSIONS.maxValue, [kind]: max },
      { url: EXTENSIONS.unit, valueCoding: { system: 'http://unitsofmeasure.org', ...unit } },
    ],
  };
}

const shownWhenTrue = (question: string): Partial<QuestionnaireItem> => ({
  enableWhen: [{ question, operator: '=', answerBoolean: true }],
});

const yesNo = (linkId: string, text: Text, rest: Partial<QuestionnaireItem> = {}) =>
  item(linkId, 'boolean', text, { required: true, ...rest });

const CODES = `${DEFAULT_QUESTIONNAIRE_URL}:codes`;
const safety = (linkId: string) => SAFETY_ITEMS[linkId]!;

export const DEFAULT_QUESTIONNAIRE = {
  resourceType: 'Questionnaire',
  url: DEFAULT_QUESTIONNAIRE_URL,
  version: DEFAULT_QUESTIONNAIRE_VERSION,
  name: 'PreTeleconsultation',
  title: 'Avant votre téléconsultation',
  _title: translation('Before your teleconsultation'),
  status: 'active',
  language: 'fr',
  subjectType: ['Patient'],
  item: [
    item('request', 'group', ['Votre demande', 'Your request'], {
      item: [
        item('reason', 'choice', ['Pour quoi consultez-vous ?', 'What are you consulting for?'], {
          required: true,
          answerOption: options(CODES, [
            ['new-symptom', 'Un nouveau problème de santé', 'A new health problem'],
            ['minor-ailment', 'Un petit souci courant (rhume, mal de gorge…)', 'A minor everyday problem (cold, sore throat…)'],
            ['follow-up', 'Le suivi d’une maladie ou d’un traitement', 'Follow-up of an illness or a treatment'],
            ['renewal', 'Le renouvellement d’une ordonnance', 'A prescription renewal'],
            ['results', 'Des résultats d’examens', 'Test results'],
            ['mental-health', 'Le moral, le stress, le sommeil', 'Mood, stress, sleep'],
            ['other', 'Autre chose', 'Something else'],
          ]),
        }),
        item('reason-details', 'text', ['En quelques mots (facultatif)', 'In a few words (optional)'], { maxLength: 500 }),
        item('symptom-days', 'integer', ['Depuis combien de jours ? (0 si aujourd’hui)', 'For how many days? (0 if today)'], {
          ...bounded(safety('symptom-days').min!, safety('symptom-days').max!, { code: 'd', display: 'jours' }),
        }),
      ],
    }),
    item('emergency-heart-brain', 'group', ['Signes d’urgence (1 sur 2)', 'Emergency signs (1 of 2)'], {
      item: [
        yesNo('chest-pain', [
          'Avez-vous une douleur ou une oppression dans la poitrine, maintenant ou dans les dernières heures ?',
          'Do you have chest pain or tightness, now or in the last hours?',
        ]),
        item('chest-pain-minutes', 'integer', ['Depuis combien de minutes dure-t-elle ?', 'How many minutes has it lasted?'], {
          required: true,
          ...shownWhenTrue('chest-pain'),
          ...bounded(safety('chest-pain-minutes').min!, safety('chest-pain-minutes').max!, { code: 'min', display: 'minutes' }),
        }),
        yesNo(
          'chest-pain-radiates',
          ['S’étend-elle à un bras, à la mâchoire, au cou ou au dos ?', 'Does it spread to an arm, the jaw, the neck or the back?'],
          shownWhenTrue('chest-pain'),
        ),
        yesNo(
          'chest-pain-with-symptoms',
          [
            'S’accompagne-t-elle de sueurs, d’essoufflement, de nausées ou d’un malaise ?',
            'Does it come with sweating, breathlessness, nausea or faintness?',
          ],
          shownWhenTrue('chest-pain'),
        ),
        yesNo('stroke-signs', [
          'Bouche qui tombe, bras ou jambe faible ou engourdi, difficulté à parler, perte soudaine de la vue — même si c’est passé ?',
          'Face drooping, weak or numb arm or leg, trouble speaking, sudden loss of sight — even if it has gone?',
        ]),
        yesNo('sudden-severe-headache', [
          'Un mal de tête brutal et violent, le pire de votre vie ?',
          'A sudden, violent headache, the worst ever?',
        ]),
        yesNo('loss-of-consciousness', [
          'Avez-vous perdu connaissance ou fait un malaise avec chute ?',
          'Did you faint or lose consciousness?',
        ]),
        yesNo('confusion', ['Une confusion ou une somnolence inhabituelle, récente ?', 'New confusion or unusual drowsiness?']),
      ],
    }),
    item('emergency-breathing', 'group', ['Signes d’urgence (2 sur 2)', 'Emergency signs (2 of 2)'], {
      item: [
        item('breathing', 'choice', ['Comment respirez-vous ?', 'How is your breathing?'], {
          required: true,
          answerOption: options(CODES, [
            ['normal', 'Normalement', 'Normally'],
            ['short', 'Je suis essoufflé·e', 'I am short of breath'],
            [
              'severe',
              'Très difficilement : je ne peux pas finir une phrase, lèvres bleues',
              'With great difficulty: I cannot finish a sentence, blue lips',
            ],
          ]),
        }),
        yesNo('severe-allergy', [
          'Un gonflement du visage, des lèvres ou de la gorge, ou une gêne pour respirer après une piqûre, un aliment ou un médicament ?',
          'Swelling of the face, lips or throat, or breathing trouble after a sting, food or medicine?',
        ]),
        yesNo('heavy-bleeding', [
          'Un saignement qui ne s’arrête pas, du sang vomi ou craché, des selles noires ?',
          'Bleeding that does not stop, vomiting or coughing blood, black stools?',
        ]),
        yesNo('suicidal-thoughts', ['Avez-vous des pensées de mettre fin à vos jours ?', 'Do you have thoughts of ending your life?']),
      ],
    }),
    item('symptoms', 'group', ['Vos symptômes', 'Your symptoms'], {
      item: [
        item(
          'fever-celsius',
          'decimal',
          [
            'Température la plus élevée mesurée, en °C (laissez vide si non mesurée)',
            'Highest temperature measured, in °C (leave empty if not measured)',
          ],
          bounded(safety('fever-celsius').min!, safety('fever-celsius').max!, { code: 'Cel', display: '°C' }, 'valueDecimal'),
        ),
        yesNo('stiff-neck-or-rash', [
          'Avec de la fièvre : une raideur de la nuque, ou des taches qui ne s’effacent pas sous un verre ?',
          'With a fever: a stiff neck, or spots that do not fade under a glass?',
        ]),
        item('abdominal-pain', 'choice', ['Avez-vous mal au ventre ?', 'Do you have abdominal pain?'], {
          required: true,
          answerOption: options(CODES, [
            ['none', 'Non', 'No'],
            ['mild', 'Un peu', 'A little'],
            ['severe', 'Très fort', 'Severe'],
          ]),
        }),
        yesNo('needs-examination', [
          'Le problème doit-il être touché, écouté ou regardé de près (une grosseur, une plaie, une oreille) ?',
          'Does the problem need to be touched, listened to or looked at closely (a lump, a wound, an ear)?',
        ]),
      ],
    }),
    item('health', 'group', ['Votre santé', 'Your health'], {
      item: [
        yesNo('pregnant', [
          'Êtes-vous enceinte ? (répondez Non si vous n’êtes pas concernée)',
          'Are you pregnant? (answer No if it does not apply)',
        ]),
        yesNo(
          'pregnancy-bleeding-or-pain',
          ['Avez-vous des saignements ou des douleurs ?', 'Do you have bleeding or pain?'],
          shownWhenTrue('pregnant'),
        ),
        item('treatments', 'text', ['Vos traitements en cours (facultatif)', 'Your current treatments (optional)'], { maxLength: 1000 }),
        item('allergies', 'text', ['Vos allergies connues (facultatif)', 'Your known allergies (optional)'], { maxLength: 1000 }),
      ],
    }),
    item('teleconsultation', 'group', ['La téléconsultation', 'The teleconsultation'], {
      item: [
        yesNo('can-use-video', [
          'Pouvez-vous voir, entendre et utiliser un écran, avec de l’aide si besoin ?',
          'Can you see, hear and use a screen, with help if needed?',
        ]),
        yesNo('needs-interpreter', [
          'Avez-vous besoin d’un interprète ou d’un interprète en langue des signes ?',
          'Do you need an interpreter or a sign-language interpreter?',
        ]),
      ],
    }),
    item('coverage-context', 'group', ['Votre prise en charge', 'Your coverage'], {
      item: [
        item('treating-doctor', 'choice', ['Votre médecin traitant', 'Your treating doctor (médecin traitant)'], {
          answerOption: options(CODES, [
            ['referred', 'Il m’a orienté·e vers cette téléconsultation', 'They referred me to this teleconsultation'],
            ['available', 'J’en ai un', 'I have one'],
            ['unavailable', 'J’en ai un, mais il n’est pas disponible à temps', 'I have one, but they are not available in time'],
            ['none', 'Je n’en ai pas', 'I have none'],
          ]),
        }),
        item('residence', 'choice', ['Où vivez-vous ?', 'Where do you live?'], {
          answerOption: options(CODES, [
            ['home', 'À mon domicile', 'At home'],
            ['ehpad', 'En EHPAD', 'In a care home (EHPAD)'],
            ['disability-facility', 'Dans un établissement pour personnes handicapées', 'In a facility for disabled people'],
            ['prison', 'En détention', 'In detention'],
          ]),
        }),
        item('departement', 'string', ['Votre département (ex. 75, 2A, 971)', 'Your département (e.g. 75, 2A, 971)'], { maxLength: 3 }),
        yesNo(
          'concerns-ald',
          [
            'La consultation concerne-t-elle une affection de longue durée (ALD) ?',
            'Does the consultation concern a long-term condition (ALD)?',
          ],
          {
            required: false,
          },
        ),
        item('coverage', 'choice', ['Votre couverture', 'Your coverage'], {
          answerOption: options(CODES, [
            ['standard', 'Assurance maladie', 'Health insurance'],
            ['css', 'Complémentaire santé solidaire (CSS)', 'Complémentaire santé solidaire (CSS)'],
            ['ame', 'Aide médicale de l’État (AME)', 'State medical aid (AME)'],
          ]),
        }),
      ],
    }),
  ],
} as Questionnaire;

/** The default rules: the safety rules, and self-care advice for a minor everyday problem. */
export const DEFAULT_ORIENTATION: OrientationRules = {
  rules: [
    ...SAFETY_RULES,
    {
      // A minor everyday problem of a few days, between 6 and 65: the pharmacist and self-care;
      // any flag of the safety rules (fever, pregnancy…) makes it a teleconsultation at least.
      id: 'minor-ailment',
      when: {
        all: [
          { answer: 'reason', equals: 'minor-ailment' },
          {
            any: [
              { answer: 'symptom-days', answered: false },
              { answer: 'symptom-days', below: 8 },
            ],
          },
          { ageMonths: { atLeast: 6 * 12, below: 65 * 12 } },
        ],
      },
      outcome: 'advice',
      severity: 'none',
      reason: 'self-care',
    },
  ],
  reasons: {
    ...SAFETY_REASONS,
    'self-care': {
      fr: 'Un petit souci courant se soigne souvent avec les conseils d’un pharmacien. Vous pouvez tout de même réserver une téléconsultation.',
      en: 'A minor everyday problem is often treated with a pharmacist’s advice. You can still book a teleconsultation.',
    },
  },
};

export const DEFAULT_TRIAGE: TriageQuestionnaire = { questionnaire: DEFAULT_QUESTIONNAIRE, orientation: DEFAULT_ORIENTATION };
