// Hosts where the accounting overlay runs out of the box (content-script matches). Self-hosted tools are
// added by the user at run time (optional host permission + scripting.registerContentScripts).
export const ACCOUNTING_MATCHES = [
  'https://*.odoo.com/*',
  'https://app.pennylane.com/*',
  'https://qbo.intuit.com/*',
  'https://*.qbo.intuit.com/*',
  'https://go.xero.com/*',
  'https://books.zoho.com/*',
  'https://books.zoho.eu/*',
  'https://books.zoho.in/*',
  'https://books.zoho.com.au/*',
  'https://my.freshbooks.com/*',
  'https://app.invoicing.co/*',
];

/** True when the origin is one of the built-in hosts above. */
export function isBuiltInHost(origin: string): boolean {
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:') return false;
    host = url.hostname;
  } catch {
    return false;
  }
  return ACCOUNTING_MATCHES.some((pattern) => {
    const patternHost = pattern.slice('https://'.length, pattern.indexOf('/', 'https://'.length));
    return patternHost.startsWith('*.') ? host.endsWith(patternHost.slice(1)) : host === patternHost;
  });
}
