import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../app/routes.js';
import { catalogue, LANGUAGES } from './index.js';

const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/(\.d|\.test|strings)\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

const lookUp = (strings: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);

describe('the catalogue', () => {
  const catalogues = LANGUAGES.map((language) => ({ language, strings: catalogue(language, FEATURES) }));

  it('words, in every language, each key the screens and form schemas name', () => {
    const sections = Object.keys(catalogues[0]!.strings).join('|');
    // A quoted dotted name starting with a section of the catalogue (`'identity.fields.email'`), not an object key.
    const keyPattern = new RegExp(`'((?:${sections})\\.[\\w.-]+)'(?!\\s*:)`, 'g');
    const missing: string[] = [];
    for (const file of sourceFiles(source)) {
      for (const [, key] of fs.readFileSync(file, 'utf8').matchAll(keyPattern)) {
        if (key!.endsWith('.js')) continue;
        for (const { language, strings } of catalogues) {
          // A section (an object) is a prefix the screen completes (`identity.resetPassword` + `.title`).
          if (lookUp(strings, key!) === undefined) missing.push(`${language}: ${key} (${path.relative(source, file)})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps each feature’s strings apart from the shared ones', () => {
    expect(() => catalogue('fr', [...FEATURES, { name: 'common', strings: { fr: {}, en: {} } }])).toThrow(/common/);
  });
});
