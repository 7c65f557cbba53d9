import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

/** The problems of assisted teleconsultations: invitation links, the assistant's credential, measurements. */
export const ASSIST_PROBLEMS = {
  'invitation-unknown': {
    fr: 'Ce lien d’invitation n’est pas valable : vérifiez qu’il a été copié en entier',
    en: 'This invitation link is not valid: check that it was copied whole',
  },
  'invitation-used': {
    fr: 'Ce lien d’invitation a déjà servi : il ne s’utilise qu’une fois. Demandez-en un nouveau au praticien ou au patient',
    en: 'This invitation link has already been used: it works once. Ask the practitioner or the patient for a new one',
  },
  'invitation-expired': {
    fr: 'Ce lien d’invitation a expiré ou a été retiré. Demandez-en un nouveau au praticien ou au patient',
    en: 'This invitation link has expired or was withdrawn. Ask the practitioner or the patient for a new one',
  },
  'invitation-closed': {
    fr: 'Cette téléconsultation est terminée ou annulée : plus personne ne peut y être invité',
    en: 'This teleconsultation is over or cancelled: no one can be invited to it any more',
  },
  'too-many-invitations': {
    fr: 'Trop d’invitations en cours pour cette téléconsultation : retirez-en une d’abord',
    en: 'Too many invitations pending for this teleconsultation: withdraw one first',
  },
  'assistant-credential-invalid': {
    fr: 'Votre accès à cette téléconsultation a expiré : ouvrez un nouveau lien d’invitation',
    en: 'Your access to this teleconsultation has expired: open a new invitation link',
  },
  'assistant-information-outdated': {
    fr: 'Les informations à accepter ont changé : relisez-les et acceptez-les de nouveau',
    en: 'The information to accept has changed: read it and accept it again',
  },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof ASSIST_PROBLEMS> {}
}
