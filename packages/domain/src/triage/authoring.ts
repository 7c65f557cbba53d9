// Writing a questionnaire of the triage format in code: French text (the questionnaire's language)
// with its English translation carried by the FHIR translation extension, for the default
// pre-teleconsultation questionnaire and the telemonitoring ones alike.
import type { QuestionnaireItem, QuestionnaireItemAnswerOption } from '@medplum/fhirtypes';
import { EXTENSIONS } from './engine.js';

export type Text = [fr: string, en: string];

/** The `_text`, `_display` or `_title` that gives a French string its English translation. */
export function translation(en: string) {
  return {
    extension: [
      {
        url: EXTENSIONS.translation,
        extension: [
          { url: 'lang', valueCode: 'en' },
          { url: 'content', valueString: en },
        ],
      },
    ],
  };
}

export function item(
  linkId: string,
  type: QuestionnaireItem['type'],
  [fr, en]: Text,
  rest: Partial<QuestionnaireItem> = {},
): QuestionnaireItem {
  return { linkId, type, text: fr, _text: translation(en), ...rest } as QuestionnaireItem;
}

/** A choice's options, coded in `system`, in the order given. */
export function options(system: string, choices: [code: string, fr: string, en: string][]): QuestionnaireItemAnswerOption[] {
  return choices.map(
    ([code, fr, en]) => ({ valueCoding: { system, code, display: fr, _display: translation(en) } }) as QuestionnaireItemAnswerOption,
  );
}
