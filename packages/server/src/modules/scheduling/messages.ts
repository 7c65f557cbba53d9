import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Mail } from '../../platform/mail/mailer.js';
import type { Sms } from '../../platform/sms/sms.js';
import type { MessageKind, Modality } from './tables.js';

/**
 * What the messages about an appointment may say: who, when, how, where to go. Never why (no reason
 * for consultation), and no specialty, which can say as much (a psychiatrist).
 */
export interface AppointmentFacts {
  id: string;
  practitionerName: string;
  organisationName: string;
  modality: Modality;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** How many times it changed: the .ics SEQUENCE, so a calendar replaces its earlier copy. */
  version: number;
  link: string;
}

type Language = 'fr' | 'en';

const MODALITY: Record<Language, Record<Modality, string>> = {
  fr: { video: 'en vidéo', phone: 'par téléphone', 'in-person': 'au cabinet' },
  en: { video: 'by video', phone: 'by phone', 'in-person': 'in person' },
};

/** `lundi 23 novembre 2026 à 10:30 (heure de Paris)`, at the site's wall time. */
export function spokenTime(instant: Date, zone: string, language: Language): string {
  const local = DateTime.fromJSDate(instant, { zone }).setLocale(language);
  const place =
    zone === 'Europe/Paris'
      ? language === 'fr'
        ? 'heure de Paris'
        : 'Paris time'
      : `${language === 'fr' ? 'heure locale' : 'local time'}, ${zone}`;
  return language === 'fr'
    ? `${local.toFormat("cccc d LLLL yyyy 'à' HH:mm")} (${place})`
    : `${local.toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${place})`;
}

const SUBJECTS: Record<MessageKind, Record<Language, string>> = {
  confirmation: { fr: 'Rendez-vous confirmé', en: 'Appointment confirmed' },
  change: { fr: 'Rendez-vous déplacé', en: 'Appointment moved' },
  cancellation: { fr: 'Rendez-vous annulé', en: 'Appointment cancelled' },
  'reminder-24h': { fr: 'Rappel : votre rendez-vous de demain', en: 'Reminder: your appointment tomorrow' },
  'reminder-1h': { fr: 'Rappel : votre rendez-vous dans une heure', en: 'Reminder: your appointment in an hour' },
};

/** The mail owed about an appointment, with its iCalendar event (cancelled for a cancellation). */
export function appointmentMail(kind: MessageKind, facts: AppointmentFacts, to: string, language: Language): Mail {
  const when = spokenTime(facts.startsAt, facts.timeZone, language);
  const how = MODALITY[language][facts.modality];
  const withWhom = `${facts.practitionerName} (${facts.organisationName})`;
  const lines: Record<MessageKind, Record<Language, string>> = {
    confirmation: {
      fr: `Votre rendez-vous ${how} avec ${withWhom} est confirmé : ${when}.`,
      en: `Your appointment ${how} with ${withWhom} is confirmed: ${when}.`,
    },
    change: {
      fr: `Votre rendez-vous ${how} avec ${withWhom} a été déplacé : ${when}.`,
      en: `Your appointment ${how} with ${withWhom} has moved: ${when}.`,
    },
    cancellation: {
      fr: `Votre rendez-vous ${how} avec ${withWhom} du ${when} est annulé.`,
      en: `Your appointment ${how} with ${withWhom} on ${when} is cancelled.`,
    },
    'reminder-24h': {
      fr: `Rappel : rendez-vous ${how} avec ${withWhom}, ${when}.`,
      en: `Reminder: appointment ${how} with ${withWhom}, ${when}.`,
    },
    'reminder-1h': {
      fr: `Rappel : rendez-vous ${how} avec ${withWhom}, ${when}.`,
      en: `Reminder: appointment ${how} with ${withWhom}, ${when}.`,
    },
  };
  const link =
    kind === 'cancellation'
      ? { fr: `Reprendre rendez-vous : ${facts.link}`, en: `Book again: ${facts.link}` }
      : facts.modality === 'in-person'
        ? { fr: `Voir ou gérer le rendez-vous : ${facts.link}`, en: `See or manage the appointment: ${facts.link}` }
        : { fr: `Rejoindre ou gérer le rendez-vous : ${facts.link}`, en: `Join or manage the appointment: ${facts.link}` };
  const calendar = {
    fr: 'Le fichier joint ajoute le rendez-vous à votre agenda.',
    en: 'The attached file adds the appointment to your calendar.',
  };
  const text = [
    language === 'fr' ? 'Bonjour,' : 'Hello,',
    '',
    lines[kind][language],
    '',
    link[language],
    ...(kind === 'confirmation' || kind === 'change' ? ['', calendar[language]] : []),
    '',
    '— Parcours',
  ].join('\n');
  return {
    to,
    subject: `${SUBJECTS[kind][language]} — ${spokenTime(facts.startsAt, facts.timeZone, language)}`,
    text,
    attachments: [
      {
        filename: 'rendez-vous.ics',
        contentType: `text/calendar; charset=utf-8; method=${kind === 'cancellation' ? 'CANCEL' : 'PUBLISH'}`,
        content: appointmentCalendar(facts, language, kind === 'cancellation'),
      },
    ],
  };
}

/** A reminder by text: when, how, the link. */
export function appointmentSms(kind: 'reminder-24h' | 'reminder-1h', facts: AppointmentFacts, to: string, language: Language): Sms {
  const time = DateTime.fromJSDate(facts.startsAt, { zone: facts.timeZone }).toFormat('HH:mm');
  const text =
    language === 'fr'
      ? `Parcours : rappel, rendez-vous ${kind === 'reminder-24h' ? 'demain' : 'dans une heure'} à ${time} ${MODALITY.fr[facts.modality]} avec ${facts.practitionerName}. ${facts.link}`
      : `Parcours: reminder, appointment ${kind === 'reminder-24h' ? 'tomorrow' : 'in an hour'} at ${time} ${MODALITY.en[facts.modality]} with ${facts.practitionerName}. ${facts.link}`;
  return { to, text };
}

/**
 * The appointment as an iCalendar (RFC 5545) file: at the site's wall time with its VTIMEZONE (a
 * calendar without it may show the event an hour off), the appointment's id as UID and its number of
 * changes as SEQUENCE, so that a later file replaces or cancels the earlier one.
 */
export function appointmentCalendar(facts: AppointmentFacts, language: Language, cancelled = false): string {
  const calendar = ical({
    prodId: { company: 'Parcours', product: 'Parcours', language: language.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  calendar.timezone({ name: facts.timeZone, generator: getVtimezoneComponent });
  const zoned = (instant: Date) => DateTime.fromJSDate(instant, { zone: facts.timeZone });
  calendar.createEvent({
    id: `${facts.id}@parcours`,
    sequence: facts.version,
    start: zoned(facts.startsAt),
    end: zoned(facts.endsAt),
    timezone: facts.timeZone,
    stamp: DateTime.utc(),
    summary: language === 'fr' ? `Rendez-vous avec ${facts.practitionerName}` : `Appointment with ${facts.practitionerName}`,
    location: `${facts.organisationName} — ${MODALITY[language][facts.modality]}`,
    description: facts.link,
    url: facts.link,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  // DTSTAMP is always UTC (RFC 5545 §3.8.7.2); the library writes it at the calendar's wall time.
  return calendar.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${DateTime.utc().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
}
