import i18n from 'i18next';

/**
 * One offending field of a request, as the server names it: a dotted path (`identity.birthDate`), a
 * stable code, and the server's message in the person's language (for a code our catalogue lacks).
 */
export interface FieldIssue {
  field: string;
  code: string;
  message?: string;
}

export const PROBLEM_PREFIX = 'urn:parcours:problem:';

/**
 * An RFC 9457 problem the API answered with (or a network failure, status 0). `title` is the
 * server's, from its catalogue in the user's language; field issues keep their path, code and
 * message: the screens word them from our catalogue by code, the server's message standing in for
 * a code the catalogue does not know.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: readonly FieldIssue[];

  constructor(problem: { status: number; type: string; title: string; errors?: readonly FieldIssue[] }) {
    super(problem.title);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.errors = problem.errors ?? [];
  }

  /** The stable part of the type: `invalid-credentials` for `urn:parcours:problem:invalid-credentials`. */
  get slug(): string {
    return this.type.startsWith(PROBLEM_PREFIX) ? this.type.slice(PROBLEM_PREFIX.length) : this.type;
  }

  /** The problem an answer states; an answer that is not a problem gets a title from our catalogue. */
  static async of(response: Response): Promise<ApiProblem> {
    const body: unknown = await response.json().catch(() => null);
    if (isRecord(body) && typeof body.title === 'string') {
      return new ApiProblem({
        status: response.status,
        type: typeof body.type === 'string' ? body.type : 'about:blank',
        title: body.title,
        errors: Array.isArray(body.errors) ? body.errors.filter(isFieldIssue).map(fieldIssueOf) : [],
      });
    }
    return new ApiProblem({
      status: response.status,
      type: 'about:blank',
      title: i18n.t('common.unexpectedStatus', { status: response.status }),
    });
  }

  /** The server could not be reached. */
  static network(): ApiProblem {
    return new ApiProblem({ status: 0, type: `${PROBLEM_PREFIX}network`, title: i18n.t('common.network') });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fieldIssueOf({ field, code, message }: FieldIssue): FieldIssue {
  return typeof message === 'string' && message.length > 0 ? { field, code, message } : { field, code };
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return isRecord(value) && typeof value.field === 'string' && typeof value.code === 'string';
}
