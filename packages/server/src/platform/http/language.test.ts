import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from './language.js';

describe('language negotiation', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9', 'fr'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['fr;q=0.5,en;q=0.8', 'en'],
    ['en;q=0', 'fr'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
