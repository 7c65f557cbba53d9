import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/hook.js';
import { checkIceServers, readConnectivity, reportConnectivity } from './connectivity.js';
import { Connectivity, ConnectivityOfVisit, ConnectivityReport, IceServers } from './connectivity-schemas.js';
import { AppointmentParams } from './schemas.js';
import type { TeleconsultationDeps } from './visits.js';

const tags = ['teleconsultation'];
const path = '/api/v1/appointments/:appointmentId/teleconsultation/connectivity';

/** The connectivity check: ICE servers to try, the patient's report, the practitioner's reading. */
export function registerConnectivityRoutes(app: FastifyInstance, deps: TeleconsultationDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { policy: 'signed-in' as const };

  api.get(
    '/api/v1/teleconsultation/ice-servers',
    {
      schema: {
        tags,
        summary: 'The STUN and TURN servers (short-lived TURN credentials) for a connectivity check, outside any call',
        response: { 200: IceServers },
      },
      config: signedIn,
    },
    async (request) => checkIceServers(deps, actorOf(request)),
  );

  api.put(
    path,
    {
      schema: {
        tags,
        summary: 'The patient’s connectivity check for the appointment: direct, TURN over UDP, TURN over TLS',
        params: AppointmentParams,
        body: ConnectivityReport,
        response: { 200: Connectivity },
      },
      config: signedIn,
    },
    async (request) => reportConnectivity(deps, actorOf(request), request.params.appointmentId, request.body),
  );

  api.get(
    path,
    {
      schema: {
        tags,
        summary: 'The patient’s last connectivity check, for the practitioner before admitting',
        params: AppointmentParams,
        response: { 200: ConnectivityOfVisit },
      },
      config: signedIn,
    },
    async (request) => readConnectivity(deps, actorOf(request), request.params.appointmentId),
  );
}
