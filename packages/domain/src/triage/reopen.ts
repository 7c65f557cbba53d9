/**
 * Until the call, a patient may answer the questionnaire again for an appointment: while it is
 * booked or its patient waits. The server refuses a later link; the screens offer it only then.
 */
export const ANSWERS_OPEN_WHILE: readonly string[] = ['booked', 'checked-in'];
