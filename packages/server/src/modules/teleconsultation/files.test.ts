import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveTestClient } from '../../platform/realtime/testing.js';
import type { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import type { RunningServer } from '../../server.js';
import { everyTable, jeanAdmittedByDrMartin, startSignedInDemo, videoAppointmentSoon } from '../testing.js';
import { NURSE_ASSISTANT } from './testing.js';
import { keptName, MAX_SHARED_FILE_BYTES, sniffFileType } from './files.js';

interface SharedFileReply {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sharedBy: { subject: string; name: string };
  url: string;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  errors?: { field: string; code: string; message: string }[];
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
/** The smallest PDF a reader opens, and a 1×1 PNG. */
const PDF = bytes(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], '\u0000\u0010JFIF\u0000', [0xff, 0xd9]);
/** A Windows program (its `MZ` header), renamed as a photo. */
const EXE = bytes('MZ', [0x90, 0x00, 0x03, 0x00], 'This program cannot be run in DOS mode.');

it('reads a file’s type from its first bytes, and keeps a name with the right extension', () => {
  expect(sniffFileType(PDF)).toBe('application/pdf');
  expect(sniffFileType(PNG)).toBe('image/png');
  expect(sniffFileType(JPEG)).toBe('image/jpeg');
  expect(sniffFileType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
  expect(sniffFileType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
  expect(sniffFileType(EXE)).toBeNull();
  expect(sniffFileType(new Uint8Array())).toBeNull();
  expect(keptName('C:\\Users\\jean\\ordonnance.PDF', 'application/pdf')).toBe('ordonnance.PDF');
  expect(keptName('setup.exe', 'image/png')).toBe('setup.exe.png');
  expect(keptName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
});

describeEachDatabase('teleconsultation: files shared in the call, kept in the patient’s record', (database) => {
  let server: RunningServer;
  let camille: ApiClient, jean: ApiClient, martin: ApiClient, benali: ApiClient;
  const visit = (id: string) => `/api/v1/appointments/${id}/teleconsultation`;

  /** An upload as the call's page sends it: the raw bytes, the name in the query. */
  async function upload<T = SharedFileReply>(
    who: ApiClient | { bearer: string },
    path: string,
    body: Uint8Array,
    name: string,
    { language = 'fr', type = 'application/octet-stream' }: { language?: 'fr' | 'en'; type?: string } = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { 'accept-language': language, 'content-type': type };
    if ('bearer' in who) headers.authorization = `Bearer ${who.bearer}`;
    else {
      if (who.cookie) headers.cookie = who.cookie;
      if (who.csrfToken) headers['x-csrf-token'] = who.csrfToken;
    }
    const res = await fetch(`${server.url}${path}?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function download(who: ApiClient | { bearer: string }, path: string) {
    const headers: Record<string, string> = {};
    if ('bearer' in who) headers.authorization = `Bearer ${who.bearer}`;
    else if (who.cookie) headers.cookie = who.cookie;
    const res = await fetch(server.url + path, { headers });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  const admittedVisit = () => jeanAdmittedByDrMartin(database().db, { jean, martin });

  beforeAll(async () => {
    ({ server, camille, jean, martin, benali } = await startSignedInDemo(database()));
  });
  afterAll(() => server?.stop());

  it('takes a PDF from the patient and a PNG from the practitioner, announces each to the room, and gives them back as they were', async () => {
    const { appointmentId, patientId, practitionerId } = await admittedVisit();
    const token = await martin.post<{ token: string }>(`${visit(appointmentId)}/room-token`);
    const doctor = await LiveTestClient.connect(server.url, { token: token.body.token, cookie: martin.cookie });
    await doctor.next('welcome');
    expect(await doctor.subscribe(`room:${appointmentId}`)).toMatchObject({ type: 'subscribed' });

    const pdf = await upload(jean, `${visit(appointmentId)}/files`, PDF, 'résultats prise de sang.pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ name: 'résultats prise de sang.pdf', mediaType: 'application/pdf', size: PDF.length });
    expect(pdf.body.sharedBy.subject).toMatch(/^account:/);
    // The doctor's page hears of it live, in the room (identifiers only).
    const event = await doctor.next('event', (m) => m.topic === `room:${appointmentId}` && m.event === 'file.shared');
    expect(event).toMatchObject({ data: { appointmentId, fileId: pdf.body.id } });

    // Declared as a PDF by its name, but a PNG by its bytes: a PNG it is.
    const png = await upload(martin, `${visit(appointmentId)}/files`, PNG, 'schema');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ name: 'schema.png', mediaType: 'image/png', sharedBy: { subject: `account:${practitionerId}` } });

    const list = await jean.get<SharedFileReply[]>(`${visit(appointmentId)}/files`);
    expect(list.body.map((f) => f.id)).toEqual([pdf.body.id, png.body.id]);
    const got = await download(martin, pdf.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''r%C3%A9sultats%20prise%20de%20sang.pdf`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.bytes.equals(PDF)).toBe(true);
    expect((await download(jean, png.body.url)).bytes.equals(PNG)).toBe(true);

    // Kept in the patient's record: « Mes documents » lists both, and they download from there.
    const documents = await jean.get<{ id: string; kind: string; title: string; pdf: string; mediaType?: string }[]>(
      `/api/v1/patients/${patientId}/documents`,
    );
    const files = documents.body.filter((d) => d.kind === 'file');
    expect(files.map((f) => f.id).sort()).toEqual([pdf.body.id, png.body.id].sort());
    const fromRecord = files.find((f) => f.id === png.body.id)!;
    expect(fromRecord).toMatchObject({ title: 'schema.png', mediaType: 'image/png' });
    expect((await download(jean, fromRecord.pdf)).bytes.equals(PNG)).toBe(true);
    expect((await download(camille, fromRecord.pdf)).status).toBe(404);
    // The practitioner, in a care relationship with Jean, finds them in his record too.
    const seenByCarer = await martin.get<{ id: string; kind: string }[]>(`/api/v1/patients/${patientId}/documents`);
    expect(seenByCarer.body.filter((d) => d.kind === 'file')).toHaveLength(2);
    expect((await download(martin, fromRecord.pdf)).bytes.equals(PNG)).toBe(true);
    doctor.close();
  });

  it('refuses a program renamed as a photo (whatever type it declares), an empty file, and a file over 10 MB, naming the field', async () => {
    const { appointmentId } = await admittedVisit();
    const exe = await upload<Problem>(jean, `${visit(appointmentId)}/files`, EXE, 'photo.png');
    expect(exe.status).toBe(400);
    expect(exe.body).toMatchObject({ type: 'urn:parcours:problem:validation', errors: [{ field: 'file', code: 'file_type' }] });
    expect(exe.body.errors![0]!.message).toBe('Seules les images (JPEG, PNG, WebP) et les PDF peuvent être partagés');
    // Declaring it an image changes nothing: the bytes decide.
    const declared = await upload<Problem>(jean, `${visit(appointmentId)}/files`, EXE, 'photo.png', { type: 'image/png' });
    expect(declared.body).toMatchObject({ status: 400, errors: [{ field: 'file', code: 'file_type' }] });
    const empty = await upload<Problem>(jean, `${visit(appointmentId)}/files`, new Uint8Array(), 'rien.pdf');
    expect(empty.body).toMatchObject({ status: 400, errors: [{ field: 'file', code: 'too_small' }] });

    const huge = Buffer.alloc(MAX_SHARED_FILE_BYTES + 1);
    PDF.copy(huge);
    const tooLarge = await upload<Problem & { maxBytes: number }>(jean, `${visit(appointmentId)}/files`, huge, 'scan.pdf', {
      language: 'en',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({
      type: 'urn:parcours:problem:file-too-large',
      title: 'The file is larger than allowed (10 MB)',
      maxBytes: MAX_SHARED_FILE_BYTES,
      errors: [{ field: 'file', code: 'too_big', message: 'The file is larger than 10 MB' }],
    });
    // Exactly 10 MB is taken.
    const limit = await upload(jean, `${visit(appointmentId)}/files`, huge.subarray(0, MAX_SHARED_FILE_BYTES), 'scan.pdf');
    expect(limit.status).toBe(201);
    // A bad name is refused for the name.
    const badName = await upload<Problem>(jean, `${visit(appointmentId)}/files`, PDF, 'a\u0000b.pdf');
    expect(badName.body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'querystring.name' })] });
    expect(
      (await everyTable(database().db).selectFrom('records_files').select('id').where('appointment_id', '=', appointmentId).execute())
        .length,
    ).toBe(1);
  });

  it('gives a stranger to the appointment nothing (404), and takes files only while the call is on', async () => {
    const { appointmentId } = await admittedVisit();
    const shared = await upload(jean, `${visit(appointmentId)}/files`, PNG, 'gorge.png');
    expect(shared.status).toBe(201);
    for (const stranger of [camille, benali]) {
      expect((await upload(stranger, `${visit(appointmentId)}/files`, PNG, 'intrus.png')).status).toBe(404);
      expect((await stranger.get(`${visit(appointmentId)}/files`)).status).toBe(404);
      expect((await download(stranger, shared.body.url)).status).toBe(404);
    }
    // A JSON body, no name: still the stranger's 404, decided before the body is looked at.
    const json = await benali.post<Problem>(`${visit(appointmentId)}/files`, {});
    expect(json.body).toMatchObject({ status: 404 });
    // Before it is read at all: more than 10 MB from a stranger is a 404, not a 413 (too large).
    const oversized = Buffer.alloc(MAX_SHARED_FILE_BYTES + 1);
    expect((await upload(benali, `${visit(appointmentId)}/files`, oversized, 'scan.pdf')).status).toBe(404);
    expect((await upload({ bearer: 'z'.repeat(43) }, '/api/v1/teleconsultation/assist/files', oversized, 'scan.pdf')).status).toBe(401);
    // Even a party of another visit cannot reach this file through their own.
    const other = await videoAppointmentSoon(database().db, {
      patient: 'camille.petit@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: 60,
    });
    expect((await download(camille, `${visit(other.appointmentId)}/files/${shared.body.id}`)).status).toBe(404);
    // Without a session: 401; once the act is ended, no more sharing (but the file stays readable).
    expect((await fetch(`${server.url}${visit(appointmentId)}/files`)).status).toBe(401);
    // No credential at all: refused before its bytes are read, however many.
    const anonymous = await fetch(`${server.url}${visit(appointmentId)}/files?name=x.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(MAX_SHARED_FILE_BYTES + 1),
    });
    expect(anonymous.status).toBe(401);
    const noBearer = await fetch(`${server.url}/api/v1/teleconsultation/assist/files`, { method: 'POST', body: PNG });
    expect(((await noBearer.json()) as Problem).type).toBe('urn:parcours:problem:assistant-credential-invalid');
    expect((await martin.post(`${visit(appointmentId)}/end`, { outcome: 'completed' })).status).toBe(200);
    expect((await upload<Problem>(jean, `${visit(appointmentId)}/files`, PNG, 'encore.png')).body).toMatchObject({
      status: 409,
      type: 'urn:parcours:problem:not-admitted',
    });
    expect((await download(martin, shared.body.url)).status).toBe(200);
  });

  it('lets the invited nurse share and read the visit’s files with her credential, and audits every upload and download', async () => {
    const { appointmentId, patientId } = await admittedVisit();
    const invitation = await martin.post<{ link: string }>(`${visit(appointmentId)}/invitations`, { kind: 'professional' });
    const redeemed = await fetch(`${server.url}/api/v1/teleconsultation/invitations/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: new URL(invitation.body.link).hash.slice(1), ...NURSE_ASSISTANT }),
    });
    const { credential, assistantId } = (await redeemed.json()) as { credential: string; assistantId: string };
    const nurse = { bearer: credential };
    const photo = await upload(nurse, '/api/v1/teleconsultation/assist/files', JPEG, 'plaie.jpg');
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ mediaType: 'image/jpeg', sharedBy: { subject: `assistant:${assistantId}`, name: 'Inès Garnier' } });
    const fromPatient = await upload(jean, `${visit(appointmentId)}/files`, PDF, 'ordonnance.pdf');
    const list = await fetch(`${server.url}/api/v1/teleconsultation/assist/files`, { headers: { authorization: `Bearer ${credential}` } });
    expect(((await list.json()) as SharedFileReply[]).map((f) => f.id)).toEqual([photo.body.id, fromPatient.body.id]);
    expect((await download(nurse, `/api/v1/teleconsultation/assist/files/${fromPatient.body.id}`)).bytes.equals(PDF)).toBe(true);
    expect((await download(martin, `${visit(appointmentId)}/files/${photo.body.id}`)).bytes.equals(JPEG)).toBe(true);
    expect((await upload({ bearer: 'z'.repeat(43) }, '/api/v1/teleconsultation/assist/files', JPEG, 'x.jpg')).status).toBe(401);
    // A file of another visit is not hers.
    const elsewhere = await admittedVisit();
    const other = await upload(jean, `${visit(elsewhere.appointmentId)}/files`, PNG, 'autre.png');
    expect((await download(nurse, `/api/v1/teleconsultation/assist/files/${other.body.id}`)).status).toBe(404);
    await jean.get(`/api/v1/patients/${patientId}/documents`);
    expect((await download(jean, `/api/v1/records/files/${photo.body.id}`)).status).toBe(200);

    const audit = await everyTable(database().db)
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'resource_id'])
      .where('patient_id', '=', patientId)
      .where('action', 'in', [
        'teleconsultation.file-share',
        'teleconsultation.file-download',
        'teleconsultation.files',
        'document.download',
        'document.list',
      ])
      .execute();
    const has = (action: string, role: string, id?: string) =>
      audit.some((a) => a.action === action && a.actor_role === role && (id === undefined || a.resource_id === id));
    expect(has('teleconsultation.file-share', 'assistant', photo.body.id)).toBe(true);
    expect(has('teleconsultation.file-share', 'patient', fromPatient.body.id)).toBe(true);
    expect(has('teleconsultation.file-download', 'assistant', fromPatient.body.id)).toBe(true);
    expect(has('teleconsultation.file-download', 'practitioner', photo.body.id)).toBe(true);
    expect(has('teleconsultation.files', 'assistant')).toBe(true);
    expect(has('document.download', 'patient', photo.body.id)).toBe(true);
  });
});
