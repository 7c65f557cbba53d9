import { generate } from 'otplib';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * An HTTP client that keeps its session cookie and CSRF token like the web app does, for tests
 * that act as a given person against a real server.
 */
export class ApiClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly language: 'fr' | 'en' = 'fr',
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'accept-language': this.language };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T) : (null as T);
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed && typeof parsed.csrfToken === 'string')
      this.csrfToken = parsed.csrfToken;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }

  /** Password log-in, then the TOTP step when one is asked for. */
  async login(email: string, password: string, totpSecret?: string): Promise<Reply> {
    const reply = await this.post('/api/v1/auth/login', { email, password });
    if (reply.status === 200 && reply.body.next === 'second-factor' && totpSecret) {
      return this.post('/api/v1/auth/second-factor/verify', { code: await generate({ secret: totpSecret }) });
    }
    return reply;
  }

  /** Forgets the cookie: the next requests are anonymous. */
  forget(): void {
    this.cookie = undefined;
    this.csrfToken = undefined;
  }
}
