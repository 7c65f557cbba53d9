import i18n from '../i18n/index.js';
import { LiveConnection } from './connection.js';

let shared: LiveConnection | undefined;

/**
 * The page's one live connection to /api/v1/live, made on first use. It speaks the interface's
 * language (problem titles), and tries again at once when the browser comes back online.
 */
export function liveConnection(): LiveConnection {
  if (shared) return shared;
  const connection = new LiveConnection({
    url: () => {
      const url = new URL('/api/v1/live', window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      url.searchParams.set('lang', i18n.language === 'en' ? 'en' : 'fr');
      return url.toString();
    },
  });
  window.addEventListener('online', () => connection.reconnect());
  shared = connection;
  return connection;
}
