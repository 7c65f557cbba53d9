// A signed report as FHIR R4, ready for the DMP / Mon espace santé: a DocumentReference (DMP codes
// of specs/interop.md §6: LOINC 85208-7 "CR de télémédecine", class 10, the PDF in CDA-wrapped
// format code) carrying the PDF as a Binary, in a collection Bundle with the patient, the author
// and the prescriptions (MedicationRequest after the ANS e-prescription guide, ServiceRequest for
// other care).
import type {
  Binary,
  Bundle,
  DocumentReference,
  MedicationRequest,
  Patient,
  Practitioner,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { audited } from '../../platform/audit/audit.js';
import { problem } from '../../platform/http/problem.js';
import { describeAccounts } from '../accounts/service.js';
import { documentIdentity } from '../patients/service.js';
import { auditRole, reportAccess } from './access.js';
import { signedReportPdf } from './documents.js';
import { loadReport, type RecordsDeps } from './reports.js';
import type { MedicationItem, OtherItem } from './schemas.js';
import { prescriptionsOfReport, type PrescriptionRow, type ReportRow } from './store.js';

const LOINC = 'http://loinc.org';
const INS_NIR = 'urn:oid:1.2.250.1.213.1.4.8';
const IDNPS = 'urn:oid:1.2.250.1.71.4.2.1';
const UCUM = 'http://unitsofmeasure.org';
const CLASS_CODES = 'https://mos.esante.gouv.fr/NOS/TRE_A03-ClasseDocument/FHIR/TRE-A03-ClasseDocument';
const FORMAT_CODES = 'https://mos.esante.gouv.fr/NOS/TRE_A11-IheFormatCode/FHIR/TRE-A11-IheFormatCode';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

const SEX = { F: 'female', M: 'male', I: 'other' } as const;
const MEDICATION_STATUS = { draft: 'draft', issued: 'active', dispensed: 'completed', cancelled: 'cancelled' } as const;
const SERVICE_STATUS = { draft: 'draft', issued: 'active', dispensed: 'completed', cancelled: 'revoked' } as const;
const SERVICE_CATEGORY = { lab: 'Biologie', imaging: 'Imagerie', nursing: 'Soins infirmiers', physiotherapy: 'Kinésithérapie' } as const;

/** The export, for whoever may read the signed report; a draft is not a document yet. */
export async function reportBundle(deps: RecordsDeps, actor: Actor, reportId: string): Promise<Bundle> {
  const report = await loadReport(deps, reportId);
  return audited(
    deps,
    {
      actor,
      kind: 'read',
      action: 'report.export',
      resource: { type: 'DocumentReference', id: report.id },
      patientId: report.patient_id,
      authorize: async () => auditRole(await reportAccess(deps.db, actor, report)),
    },
    async () => {
      if (!report.signed_at) throw problem.conflict('report-not-signed');
      return buildBundle(deps, report);
    },
  );
}

async function buildBundle(deps: RecordsDeps, report: ReportRow): Promise<Bundle> {
  const [pdf, identity, authors, prescriptions] = await Promise.all([
    signedReportPdf(deps, report),
    documentIdentity(deps.db, report.patient_id),
    describeAccounts(deps.db, [report.author_account_id]),
    prescriptionsOfReport(deps.db, report.id),
  ]);
  const author = authors.get(report.author_account_id);
  const url = { patient: urn(), practitioner: urn(), binary: urn() };
  const patient: Patient = {
    resourceType: 'Patient',
    // The INS travels only with a qualified identity (référentiel INS).
    ...(identity.ins ? { identifier: [{ system: INS_NIR, value: identity.ins }] } : {}),
    name: [
      { use: 'official', family: identity.birthName, given: identity.firstNames.split(' ') },
      ...(identity.usedName ? [{ use: 'usual' as const, family: identity.usedName }] : []),
    ],
    gender: SEX[identity.sex],
    birthDate: identity.birthDate,
  };
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    ...(author?.rpps ? { identifier: [{ system: IDNPS, value: `8${String(author.rpps)}` }] } : {}),
    name: [{ family: author?.familyName ?? '', given: author?.givenName ? [author.givenName] : [] }],
  };
  const binary: Binary = { resourceType: 'Binary', contentType: 'application/pdf', data: Buffer.from(pdf).toString('base64') };
  const signedAt = report.signed_at!.toISOString();
  const documentReference: DocumentReference = {
    resourceType: 'DocumentReference',
    masterIdentifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${report.id}` },
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ system: LOINC, code: '85208-7', display: 'CR de télémédecine' }] },
    category: [{ coding: [{ system: CLASS_CODES, code: '10', display: 'Compte-rendu' }] }],
    subject: { reference: url.patient },
    date: signedAt,
    author: [{ reference: url.practitioner }],
    securityLabel: [{ coding: [{ system: CONFIDENTIALITY, code: 'N' }] }],
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          language: 'fr-FR',
          url: url.binary,
          size: pdf.byteLength,
          // SHA-1 in base64, as FHIR's Attachment.hash asks.
          hash: createHash('sha1').update(pdf).digest('base64'),
          title: 'Compte rendu de téléconsultation',
          creation: signedAt,
        },
        format: { system: FORMAT_CODES, code: 'urn:ihe:iti:xds-sd:pdf:2008' },
      },
    ],
    context: { period: { start: report.act_started_at.toISOString() } },
  };
  const requests = prescriptions
    .filter((p) => p.status !== 'draft')
    .flatMap((p) => prescriptionResources(p, url.patient, url.practitioner));
  const entries: [string, Resource][] = [
    [urn(), documentReference],
    [url.binary, binary],
    [url.patient, patient],
    [url.practitioner, practitioner],
    ...requests.map((r): [string, Resource] => [urn(), r]),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: signedAt,
    entry: entries.map(([fullUrl, resource]) => ({ fullUrl, resource })),
  };
}

const urn = () => `urn:uuid:${randomUUID()}`;

function prescriptionResources(p: PrescriptionRow, subject: string, requester: string): (MedicationRequest | ServiceRequest)[] {
  const identifier = [{ system: 'urn:parcours:prescription', value: p.number }];
  const authoredOn = (p.issued_at ?? p.created_at).toISOString();
  if (p.kind === 'medication') {
    return (p.items as z.infer<typeof MedicationItem>[]).map((item) => ({
      resourceType: 'MedicationRequest',
      identifier,
      status: MEDICATION_STATUS[p.status],
      intent: 'order',
      medicationCodeableConcept: { text: item.medication },
      subject: { reference: subject },
      authoredOn,
      requester: { reference: requester },
      dosageInstruction: [
        {
          ...(item.instructions ? { patientInstruction: item.instructions } : {}),
          timing: {
            repeat: {
              frequency: item.frequency.times,
              period: item.frequency.period,
              periodUnit: item.frequency.periodUnit,
              boundsDuration: { value: item.durationDays, unit: 'd', system: UCUM, code: 'd' },
            },
          },
          route: { text: item.route },
          doseAndRate: [{ doseQuantity: { value: item.dose.value, unit: item.dose.unit } }],
        },
      ],
      dispenseRequest: { expectedSupplyDuration: { value: item.durationDays, unit: 'd', system: UCUM, code: 'd' } },
      substitution: { allowedBoolean: item.substitutable },
      note: [{ text: `Quantité : ${item.quantity}` }],
    }));
  }
  return (p.items as z.infer<typeof OtherItem>[]).map((item) => ({
    resourceType: 'ServiceRequest',
    identifier,
    status: SERVICE_STATUS[p.status],
    intent: 'order',
    category: [{ text: SERVICE_CATEGORY[p.kind as keyof typeof SERVICE_CATEGORY] }],
    code: { text: item.description },
    subject: { reference: subject },
    authoredOn,
    requester: { reference: requester },
    ...(item.instructions ? { patientInstruction: item.instructions } : {}),
  }));
}
