/**
 * Reads `public/_headers` (the Netlify / Cloudflare Pages format): a path pattern on its own line, then
 * indented `Name: value` lines. One file is the source of truth for production, `vite preview` and the
 * CSP <meta> in index.html.
 */
export interface HeaderRule {
  pattern: string;
  headers: Record<string, string>;
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: raw.trim(), headers: {} });
      continue;
    }
    const rule = rules.at(-1);
    const colon = raw.indexOf(':');
    if (rule === undefined || colon === -1)
      throw new Error(`_headers: header line outside a path block: ${raw.trim()}`);
    rule.headers[raw.slice(0, colon).trim()] = raw.slice(colon + 1).trim();
  }
  return rules;
}

/** `*` matches any run of characters, as the hosts do for splats. */
function matches(pattern: string, path: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  );
  return re.test(path);
}

/** The headers a request for `path` gets: every matching block, later blocks overriding earlier ones. */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  return Object.assign({}, ...rules.filter((r) => matches(r.pattern, path)).map((r) => r.headers)) as Record<
    string,
    string
  >;
}

/** Directives a <meta> CSP ignores (browsers warn about them), so the meta copy leaves them out. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

export function cspForMeta(csp: string): string {
  return csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !HEADER_ONLY_DIRECTIVES.has(d.split(/\s+/)[0] ?? ''))
    .join('; ');
}

/** The headers with one more origin in the CSP's connect-src; unchanged when `url` is undefined or empty. */
export function allowConnect(headers: Record<string, string>, url: string | undefined): Record<string, string> {
  const csp = headers['Content-Security-Policy'];
  if (url === undefined || url === '' || csp === undefined) return headers;
  const origin = new URL(url).origin;
  const directives = csp.split(';').map((d) => {
    const t = d.trim();
    return t.startsWith('connect-src ') ? `${t} ${origin}` : t;
  });
  return { ...headers, 'Content-Security-Policy': directives.join('; ') };
}
