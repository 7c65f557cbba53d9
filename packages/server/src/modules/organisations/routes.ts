import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/hook.js';
import type { ServiceDeps } from '../../platform/context.js';
import { answerMyInvitation, inviteProfessional, myInvitations } from './invitations.js';
import { addSite, getOrganisation, listMembers } from './organisations.js';
import { Invitation, InvitationParams, Member, MyInvitation, Organisation, OrganisationParams, SiteInput } from './schemas.js';

const tags = ['organisations'];
const Created = z.object({ id: z.uuid() });

export function registerOrganisationRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/organisations/:organisationId',
    {
      schema: {
        tags,
        summary: 'An organisation and its sites, for its members',
        params: OrganisationParams,
        response: { 200: Organisation },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => getOrganisation(deps, actorOf(request), request.params.organisationId),
  );

  api.get(
    '/api/v1/organisations/:organisationId/members',
    {
      schema: {
        tags,
        summary: 'The organisation’s professionals and administrators (administrators only)',
        params: OrganisationParams,
        response: { 200: z.array(Member) },
      },
      config: { policy: 'signed-in' },
    },
    async (request) => listMembers(deps, actorOf(request), request.params.organisationId),
  );

  api.post(
    '/api/v1/organisations/:organisationId/sites',
    {
      schema: {
        tags,
        summary: 'Adds a site (administrators only)',
        params: OrganisationParams,
        body: SiteInput,
        response: { 201: Created },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => reply.code(201).send(await addSite(deps, actorOf(request), request.params.organisationId, request.body)),
  );

  api.post(
    '/api/v1/organisations/:organisationId/invitations',
    {
      schema: {
        tags,
        summary: 'Invites a professional by e-mail (administrators only)',
        params: OrganisationParams,
        body: Invitation,
        description: 'The person becomes a member once they accept; the answer does not tell whether the address had an account.',
        response: { 201: z.object({ invitationId: z.uuid() }) },
      },
      config: { policy: 'signed-in' },
    },
    async (request, reply) =>
      reply.code(201).send(await inviteProfessional(deps, actorOf(request), request.params.organisationId, request.body)),
  );

  api.get(
    '/api/v1/me/invitations',
    {
      schema: { tags: ['me'], summary: 'The invitations waiting for my answer', response: { 200: z.array(MyInvitation) } },
      config: { policy: 'signed-in' },
    },
    async (request) => myInvitations(deps, actorOf(request)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    api.post(
      `/api/v1/me/invitations/:invitationId/${answer}`,
      {
        schema: {
          tags: ['me'],
          summary: answer === 'accept' ? 'Accepts an invitation: I become a member of the organisation' : 'Declines an invitation',
          params: InvitationParams,
          response: { 204: z.null() },
        },
        config: { policy: 'signed-in' },
      },
      async (request, reply) => {
        await answerMyInvitation(deps, actorOf(request), request.params.invitationId, answer === 'accept');
        return reply.code(204).send(null);
      },
    );
  }
}
