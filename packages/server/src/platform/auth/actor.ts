/** What an account may be in an organisation; the policy reasons in these terms. */
export type MembershipRole = 'admin' | 'practitioner' | 'regulator';

/**
 * Who is acting, as every service and the audit trail see it: the signed-in account, what it may be
 * in each organisation, and where the request came from. Built by the auth hook from the session.
 */
export interface Actor {
  accountId: string;
  sessionId: string;
  /** The name the account shows (given and family names): what the audit trail keeps of who acted. */
  name?: string;
  /** The account's roles per organisation; a patient-only account has none. */
  memberships: { organisationId: string; organisationName?: string; role: MembershipRole }[];
  /** Patient records this account manages: its own and its dependants'. */
  patientIds: string[];
  isProfessional: boolean;
  /** Client address, as seen through the trusted proxy. */
  address: string;
}
