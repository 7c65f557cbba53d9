import type { ProblemTitles, Slugs } from '../../platform/http/problem-titles.js';

export const ACCOUNTS_PROBLEMS = {
  'invalid-credentials': { fr: 'Adresse e-mail ou mot de passe incorrect', en: 'Wrong e-mail address or password' },
  'email-not-verified': {
    fr: 'Adresse e-mail non vérifiée : suivez le lien reçu par e-mail',
    en: 'E-mail address not verified: follow the link you received',
  },
  'login-throttled': { fr: 'Trop de tentatives : réessayez dans quelques instants', en: 'Too many attempts: try again shortly' },
  'token-invalid': { fr: 'Ce lien est invalide ou a expiré', en: 'This link is invalid or has expired' },
  'totp-invalid': { fr: 'Code de vérification incorrect', en: 'Wrong verification code' },
  'totp-not-started': { fr: 'Commencez par générer un secret de second facteur', en: 'Start by generating a second-factor secret' },
  'totp-already-enrolled': { fr: 'Le second facteur est déjà activé', en: 'The second factor is already enabled' },
  'demo-refused': { fr: 'Les comptes de démonstration sont refusés en production', en: 'Demo accounts are refused in production' },
  'oidc-not-configured': { fr: 'La connexion Pro Santé Connect n’est pas configurée', en: 'Pro Santé Connect login is not configured' },
  'oidc-failed': { fr: 'La connexion par le fournisseur d’identité a échoué', en: 'Login through the identity provider failed' },
  'rpps-unknown': { fr: 'Aucun professionnel n’est inscrit avec ce RPPS', en: 'No professional is registered with this RPPS' },
  'rpps-taken': { fr: 'Ce RPPS est déjà celui d’un autre compte', en: 'This RPPS already belongs to another account' },
} satisfies ProblemTitles;

declare module '../../platform/http/problem-titles.js' {
  interface ProblemCatalogue extends Slugs<typeof ACCOUNTS_PROBLEMS> {}
}
