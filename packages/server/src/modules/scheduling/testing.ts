import type { ApiClient } from '../../platform/testing/client.js';

/** A booking request with an Idempotency-Key header (the shared client sends none). */
export async function postWithKey<T>(client: ApiClient, path: string, body: unknown, key: string) {
  const response = await fetch(client.baseUrl + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': client.language,
      'idempotency-key': key,
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export interface SlotSearchReply {
  offers: { typeId: string; practitioner: { id: string; name: string }; modality: string; durationMinutes: number; timeZone: string }[];
  slots: { typeId: string; start: string; end: string }[];
}

/** The slots of Dr Martin in a search that also finds the demo's other GP (whose agenda does not overlap hers). */
export function ofDrMartin(found: SlotSearchReply): SlotSearchReply['slots'] {
  const types = new Set(found.offers.filter((o) => o.practitioner.name === 'Claire Martin').map((o) => o.typeId));
  return found.slots.filter((slot) => types.has(slot.typeId));
}

export interface AppointmentReply {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  wallDate: string;
  wallTime: string;
  timeZone: string;
  version: number;
  patient: { id: string; name: string };
  practitioner: { id: string; name: string };
  history?: { change: string; previousStartsAt: string | null; startsAt: string; byRole: string; reason: string | null }[];
}

export interface ProblemReply {
  type: string;
  title: string;
  errors?: { field: string; code: string; message: string }[];
  nextSlots?: { start: string }[];
}
