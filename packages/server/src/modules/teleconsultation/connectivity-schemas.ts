import { z } from 'zod';

// The connectivity check's bodies and replies: unknown fields refused.

export const ConnectivityReport = z
  .object({
    direct: z.boolean().describe('A direct path: a server-reflexive candidate through STUN (a host candidate when no STUN is configured)'),
    turnUdp: z.boolean().nullable().describe('A relay candidate from the TURN server over UDP; null when none is configured'),
    turnTls: z.boolean().nullable().describe('A relay candidate from the TURN server over TLS (port 443); null when none is configured'),
  })
  .strict()
  .describe('What the patient’s browser found trying each path with the ICE servers it was given');

export const Connectivity = ConnectivityReport.extend({
  reachable: z.enum(['direct', 'relay', 'none']).describe('joignable : direct, par le relais, ou non'),
  checkedAt: z.string().describe('ISO 8601 instant'),
});

export const ConnectivityOfVisit = z.object({ check: Connectivity.nullable().describe('Null until the patient ran the check') });

export const IceServers = z.object({
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
});
