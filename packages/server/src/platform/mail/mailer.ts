import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

/** A mail carries links only, never health data: the reader signs in to see anything clinical. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Files sent with the mail (an iCalendar event…): never a document with health data. */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set (required in production). Without it, in development and tests, each
 * mail is written as an .eml file under DATA_DIR/outbox — never to the log, as links hold tokens.
 */
export function createMailer(config: Config, logger: Logger): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      send: async (mail) => void (await transport.sendMail({ from: config.mailFrom, ...mail })),
      close: () => transport.close(),
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (mail) => {
      const info = await transport.sendMail({ from: config.mailFrom, ...mail });
      await fs.mkdir(outbox, { recursive: true });
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-z0-9]/gi, '')}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      logger.info({ file }, 'mail written to the outbox (no SMTP_URL)');
    },
    close: () => {},
  };
}
