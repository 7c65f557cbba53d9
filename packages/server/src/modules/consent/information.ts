import type { ConsentAct } from './tables.js';

/**
 * The information shown before consent, by act and version (CSP R.6316-2: the patient's free and
 * informed consent to a telemedicine act). A new wording is a new version: consents name the one shown.
 */
export const INFORMATION: Record<ConsentAct, { version: string; fr: string; en: string }> = {
  teleconsultation: {
    version: '2026-01',
    fr: 'La téléconsultation est une consultation à distance, par vidéo. Vos données sont hébergées chez un hébergeur certifié de données de santé et l’échange vidéo est chiffré de bout en bout. Vous pouvez interrompre la téléconsultation à tout moment ; le médecin peut aussi vous orienter vers une consultation en présentiel. Un compte rendu sera versé à votre dossier et adressé à votre médecin traitant.',
    en: 'A teleconsultation is a remote consultation by video. Your data is hosted by a certified health-data host and the video is end-to-end encrypted. You may stop the teleconsultation at any time; the doctor may also refer you to an in-person visit. A report will be added to your record and sent to your treating doctor.',
  },
  telemonitoring: {
    version: '2026-01',
    fr: 'La télésurveillance transmet à une équipe soignante les mesures de votre dispositif médical à domicile. L’équipe les interprète et peut vous contacter en cas d’alerte. Elle ne remplace pas les urgences : en cas de malaise, appelez le 15. Vous pouvez arrêter la télésurveillance à tout moment.',
    en: 'Telemonitoring sends the readings of your home medical device to a care team, who interpret them and may contact you on an alert. It does not replace emergency services: if you feel unwell, call 15. You may stop telemonitoring at any time.',
  },
  teleexpertise: {
    version: '2026-01',
    fr: 'Votre professionnel de santé sollicite l’avis d’un confrère à distance à partir de votre dossier. Seules les informations utiles à cet avis sont partagées, et l’avis est versé à votre dossier.',
    en: 'Your health professional asks a colleague for a remote opinion based on your record. Only the information needed for this opinion is shared, and the opinion is added to your record.',
  },
};
