import type { Mail } from '../../platform/mail/mailer.js';

type Locale = 'fr' | 'en';

/** Mails carry a link and nothing about anyone's health. */
const TEMPLATES = {
  'verify-email': {
    fr: {
      subject: 'Parcours — confirmez votre adresse e-mail',
      body: 'Bonjour,\n\nPour activer votre compte Parcours, ouvrez ce lien :\n{link}\n\nIl est valable 48 heures. Si vous n’avez pas créé de compte, ignorez ce message.',
    },
    en: {
      subject: 'Parcours — confirm your e-mail address',
      body: 'Hello,\n\nTo activate your Parcours account, open this link:\n{link}\n\nIt is valid for 48 hours. If you did not create an account, ignore this message.',
    },
  },
  'already-registered': {
    fr: {
      subject: 'Parcours — tentative d’inscription',
      body: 'Bonjour,\n\nQuelqu’un a tenté de créer un compte Parcours avec votre adresse, qui en a déjà un. Mot de passe oublié ?\n{link}',
    },
    en: {
      subject: 'Parcours — sign-up attempt',
      body: 'Hello,\n\nSomeone tried to create a Parcours account with your address, which already has one. Forgot your password?\n{link}',
    },
  },
  'reset-password': {
    fr: {
      subject: 'Parcours — réinitialisation du mot de passe',
      body: 'Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien :\n{link}\n\nIl est valable une heure. Si vous n’avez rien demandé, ignorez ce message.',
    },
    en: {
      subject: 'Parcours — password reset',
      body: 'Hello,\n\nTo choose a new password, open this link:\n{link}\n\nIt is valid for one hour. If you did not ask for it, ignore this message.',
    },
  },
  invitation: {
    fr: {
      subject: 'Parcours — invitation de {organisation}',
      body: 'Bonjour,\n\n{organisation} vous invite à rejoindre Parcours. Pour choisir votre mot de passe, ouvrez ce lien :\n{link}\n\nIl est valable 7 jours.',
    },
    en: {
      subject: 'Parcours — invitation from {organisation}',
      body: 'Hello,\n\n{organisation} invites you to join Parcours. To choose your password, open this link:\n{link}\n\nIt is valid for 7 days.',
    },
  },
  'invitation-existing': {
    fr: {
      subject: 'Parcours — invitation de {organisation}',
      body: 'Bonjour,\n\n{organisation} vous invite à rejoindre son équipe sur Parcours. Connectez-vous à votre compte pour accepter ou refuser :\n{link}\n\nSans votre réponse, rien ne change.',
    },
    en: {
      subject: 'Parcours — invitation from {organisation}',
      body: 'Hello,\n\n{organisation} invites you to join its team on Parcours. Log in to your account to accept or decline:\n{link}\n\nWithout your answer, nothing changes.',
    },
  },
} satisfies Record<string, Record<Locale, { subject: string; body: string }>>;

export type MailKind = keyof typeof TEMPLATES;

export function composeMail(kind: MailKind, locale: Locale, to: string, values: { link: string; organisation?: string }): Mail {
  const template = TEMPLATES[kind][locale];
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, key: string) => (values as Record<string, string | undefined>)[key] ?? '');
  return { to, subject: fill(template.subject), text: fill(template.body) + '\n\n— Parcours' };
}
