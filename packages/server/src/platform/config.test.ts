import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('takes the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_URL', 'not a url'],
    ['NATS_URL', 'http://127.0.0.1:4222'],
    ['SMTP_URL', 'mail.example'],
    ['LOG_LEVEL', 'loud'],
    ['TURN_URLS', 'http://turn.example'],
  ])('stops on a malformed %s (%s), naming it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => i.variable)).toContain(variable);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('requires a TURN secret when a TURN server is configured', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example:3478' })).toThrow(/TURN_SECRET/);
    expect(loadConfig({ TURN_URLS: 'turn:turn.example:3478', TURN_SECRET: 'a'.repeat(32) }).turn.urls).toEqual(['turn:turn.example:3478']);
  });
});
