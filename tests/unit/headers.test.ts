import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowConnect, cspForMeta, headersFor, parseHeadersFile } from '../../scripts/headers.ts';

const site = headersFor(
  parseHeadersFile(readFileSync(join(process.cwd(), 'public', '_headers'), 'utf8')),
  '/index.html'
);
const csp = site['Content-Security-Policy'] ?? '';
const directives = new Map(
  csp.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  })
);

describe('public/_headers', () => {
  it('allows scripts only from the site, plus wasm compilation', () =>
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]));
  it('connects only to the site and the Hugging Face Hub', () =>
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://*.hf.co'
    ]));
  it('forbids plugins and <base>, and lets other sites embed the app', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(['*']);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });
  it('makes the page cross-origin isolated', () => {
    expect(site['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(site['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });
});

describe('parseHeadersFile / headersFor', () => {
  const rules = parseHeadersFile('# comment\n/*\n  A: 1\n  B: x: y\n/models/*\n  A: 2\n');
  it('reads blocks of indented headers, values may contain colons', () =>
    expect(rules).toEqual([
      { pattern: '/*', headers: { A: '1', B: 'x: y' } },
      { pattern: '/models/*', headers: { A: '2' } }
    ]));
  it('later matching blocks override earlier ones', () => {
    expect(headersFor(rules, '/models/m/config.json')).toEqual({ A: '2', B: 'x: y' });
    expect(headersFor(rules, '/index.html')).toEqual({ A: '1', B: 'x: y' });
  });
  it('refuses a header line before any path', () => expect(() => parseHeadersFile('  A: 1')).toThrow());
});

describe('cspForMeta', () => {
  it('drops the directives a <meta> cannot carry and keeps the rest', () => {
    expect(cspForMeta("default-src 'self'; frame-ancestors *; report-uri /r; object-src 'none'")).toBe(
      "default-src 'self'; object-src 'none'"
    );
    expect(cspForMeta(csp)).not.toContain('frame-ancestors');
    expect(cspForMeta(csp)).toContain("base-uri 'none'");
  });
});

describe('allowConnect (the e2e build pointed at the mock Hub)', () => {
  it('adds only the origin, only to connect-src', () => {
    const out = allowConnect(site, 'http://localhost:4175/');
    expect(out['Content-Security-Policy']).toContain(
      "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co http://localhost:4175;"
    );
    expect(out['Content-Security-Policy']?.replace(' http://localhost:4175', '')).toBe(csp);
  });
  it('changes nothing for a production build', () => {
    expect(allowConnect(site, undefined)).toEqual(site);
    expect(allowConnect(site, '')).toEqual(site);
  });
});
