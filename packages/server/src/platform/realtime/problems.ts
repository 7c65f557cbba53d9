import type { ProblemTitles } from '../http/problem-titles.js';

/**
 * The realtime endpoint's problem types. They reach the client inside `error` messages on the socket
 * (and as HTTP problems for a refused upgrade), as `urn:parcours:problem:<slug>` with the title in
 * the connection's language.
 */
export const REALTIME_PROBLEMS = {
  'live-upgrade-required': {
    fr: 'Ce point d’accès attend une connexion WebSocket',
    en: 'This endpoint expects a WebSocket connection',
  },
  'live-origin-refused': {
    fr: 'Connexion en direct refusée depuis cette origine',
    en: 'Live connection refused from this origin',
  },
  'live-unavailable': {
    fr: 'Trop de connexions en direct sur ce serveur, réessayez plus tard',
    en: 'Too many live connections on this server, try again later',
  },
  'live-unauthenticated': {
    fr: 'Connexion en direct refusée : authentification requise',
    en: 'Live connection refused: authentication required',
  },
  'live-token-invalid': {
    fr: 'Jeton d’accès en direct invalide ou expiré',
    en: 'Invalid or expired live access token',
  },
  'live-session-ended': {
    fr: 'La session a pris fin, connexion en direct fermée',
    en: 'The session has ended; live connection closed',
  },
  'live-message-invalid': { fr: 'Message invalide', en: 'Invalid message' },
  'live-message-too-large': { fr: 'Message trop volumineux', en: 'Message too large' },
  'live-rate-limited': {
    fr: 'Trop de messages envoyés, connexion fermée',
    en: 'Too many messages sent; connection closed',
  },
  'live-too-slow': {
    fr: 'Connexion trop lente pour suivre le flux, fermée',
    en: 'Connection too slow to keep up; closed',
  },
  'live-topic-unknown': { fr: 'Flux inconnu', en: 'Unknown stream' },
  'live-topic-forbidden': { fr: 'Accès à ce flux refusé', en: 'Access to this stream denied' },
  'live-too-many-subscriptions': {
    fr: 'Trop d’abonnements sur cette connexion',
    en: 'Too many subscriptions on this connection',
  },
  'live-room-full': {
    fr: 'Cette salle est au complet',
    en: 'This room is full',
  },
  'live-internal': { fr: 'Erreur interne du serveur', en: 'Internal server error' },
} satisfies ProblemTitles;

export type RealtimeProblemSlug = keyof typeof REALTIME_PROBLEMS;
