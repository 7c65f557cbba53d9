import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// The Debian wrapper /usr/bin/chromium is noisy; the binary behind it is launched directly.
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const explicit = process.env.CHROME_PATH;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`CHROME_PATH=${explicit} does not exist`);
    return explicit;
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error('Chromium not found: install it (Debian: apt-get install -y chromium) or set CHROME_PATH');
  return found;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'];

/**
 * A headless Chromium; Playwright gives each launch a fresh, empty --user-data-dir of its own.
 * `media` adds a fake camera and microphone and lets WebRTC use loopback candidates; `args`, more flags.
 */
export async function launchChromium(options: { media?: boolean; args?: readonly string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...FLAGS, ...(options.media ? MEDIA_FLAGS : []), ...(options.args ?? [])],
  });
}
