import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

/** A text message: a link and a time at most, never health data (a phone's lock screen shows it). */
export interface Sms {
  /** E.164: +33612345678 */
  to: string;
  text: string;
}

export interface SmsSender {
  readonly kind: 'outbox' | 'http';
  send(sms: Sms): Promise<void>;
}

/**
 * An HTTP provider when SMS_URL is set; otherwise each text is written under DATA_DIR/sms-outbox,
 * as mail is without SMTP_URL, and never to the log.
 */
export function createSmsSender(config: Pick<Config, 'sms' | 'dataDir'>, logger: Logger): SmsSender {
  return config.sms ? httpSmsSender(config.sms) : outboxSmsSender(path.join(config.dataDir, 'sms-outbox'), logger);
}

export function outboxSmsSender(dir: string, logger: Logger): SmsSender {
  let sequence = 0;
  return {
    kind: 'outbox',
    async send(sms) {
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++sequence}.txt`);
      await fs.writeFile(file, `To: ${sms.to}\n\n${sms.text}\n`);
      logger.info({ file }, 'text written to the outbox (no SMS_URL)');
    },
  };
}

/** Thrown when the provider refuses a text: the caller decides whether to try again. */
export class SmsRefusedError extends Error {
  constructor(readonly status: number) {
    super(`the SMS provider answered ${status}`);
    this.name = 'SmsRefusedError';
  }
}

/**
 * Brevo's transactional SMS API (POST /v3/transactionalSMS/sms, `api-key` header, JSON body): a
 * French provider. The URL is configurable, for a test server or a compatible gateway.
 */
export function httpSmsSender(settings: { url: string; apiKey: string; sender: string }, timeoutMs = 10_000): SmsSender {
  return {
    kind: 'http',
    async send(sms) {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'api-key': settings.apiKey },
        body: JSON.stringify({
          type: 'transactional',
          sender: settings.sender,
          // Brevo takes the number without its plus sign.
          recipient: sms.to.replace(/^\+/, ''),
          content: sms.text,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok) throw new SmsRefusedError(response.status);
    },
  };
}
