export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/**
 * The user's language from Accept-Language (RFC 9110 §12.5.4): the supported language with the highest
 * q-value, French when none is named — Parcours is French first.
 */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return 'fr';
  let best: { lang: Language; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.split('-')[0];
    const lang = LANGUAGES.find((l) => l === primary);
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'fr';
}

/** The language of a request's answer (its Accept-Language), for problems and texts. */
export function languageOf(request: { headers: { 'accept-language'?: string | undefined } }): Language {
  return negotiateLanguage(request.headers['accept-language']);
}
