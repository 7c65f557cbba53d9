/** What a nurse invited by the practitioner says of herself on opening her link (the token apart). */
export const NURSE_ASSISTANT = {
  name: 'Inès Garnier',
  profession: 'nurse',
  rpps: '10101010101',
  place: 'home',
  setting: 'home-visit',
  informationVersion: '2026-12',
} as const;
