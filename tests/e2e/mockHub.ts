import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, relative } from 'node:path';

/**
 * A stand-in for the Hugging Face Hub, serving the bundled model with the Hub's URL layout:
 * `/api/models/{org}/{repo}/revision/{rev}` (the file list with sizes and checksums) and
 * `/{org}/{repo}/resolve/{rev}/{file}`. Broken variants of the same model exercise each failure.
 * `/__requests` counts what was asked (so a test can prove a reload downloaded nothing), `/__reset` zeroes it.
 */
export const GOOD_ID = 'think-small/think-small-3m';

/** Each broken variant and how it breaks. */
export const VARIANTS = {
  'test/missing-file': 'the weights file is listed but answers 404',
  'test/truncated-onnx': 'the weights file stops at half its size',
  'test/html-page': 'every file answers 200 with an HTML page (a captive portal)',
  'test/network-drop': 'the connection drops halfway through the weights',
  'test/not-found': 'the repo does not exist (404)',
  'test/gated': 'the repo needs a signed-in account (401)',
  'test/no-onnx': 'the repo has no ONNX weights',
  'test/bert': 'the model is an encoder (model_type bert)',
  'test/tied-embeddings':
    'the bundled model whose config ties the LM head to the embeddings: a parameter count of its own',
  'test/slow': 'the weights trickle in, slowly enough to cancel',
  'test/no-cors': 'the file list comes without CORS headers, as from a proxy that strips them',
  'test/large': 'the file list claims 500 MB of weights (never downloaded: the confirmation is the point)'
} as const;

const MODEL_DIR = join(import.meta.dirname, '../../models/think-small-3m');
export const WEIGHTS = 'onnx/model_quantized.onnx';
/** test/tied-embeddings: the bundled model's 2,788,000 less its separate LM head (1,024 × 160). */
export const TIED_PARAMETERS = 2_788_000 - 1024 * 160;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [relative(MODEL_DIR, full)];
  });
}

function gitSha1(bytes: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.byteLength}\0`), bytes]))
    .digest('hex');
}

/** The repo's files as a variant serves them (`test/bert` and `test/tied-embeddings` change config.json). */
function filesOf(id: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const path of listFiles(MODEL_DIR)) {
    if (id === 'test/no-onnx' && path.startsWith('onnx/')) continue;
    files.set(path, readFileSync(join(MODEL_DIR, path)));
  }
  const config = JSON.parse(files.get('config.json')?.toString() ?? '{}') as Record<string, unknown>;
  if (id === 'test/bert') files.set('config.json', Buffer.from(JSON.stringify({ ...config, model_type: 'bert' })));
  // The weights stay as they are (the ONNX graph has its own head); only the count read from config.json differs.
  if (id === 'test/tied-embeddings')
    files.set('config.json', Buffer.from(JSON.stringify({ ...config, tie_word_embeddings: true })));
  return files;
}

const commitOf = (id: string): string => createHash('sha1').update(id).digest('hex');

function siblings(id: string, files: Map<string, Buffer>): unknown[] {
  return [...files].map(([path, bytes]) =>
    path.endsWith('.onnx')
      ? {
          rfilename: path,
          size: id === 'test/large' && path === WEIGHTS ? 500_000_000 : bytes.byteLength,
          blobId: gitSha1(Buffer.from(path)),
          lfs: { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength, pointerSize: 134 }
        }
      : { rfilename: path, size: bytes.byteLength, blobId: gitSha1(bytes) }
  );
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, ETag, X-Repo-Commit, X-Error-Code',
  'Cross-Origin-Resource-Policy': 'cross-origin'
};

function send(res: ServerResponse, status: number, type: string, body: Buffer | string, extra = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...CORS, 'Content-Type': type, 'Content-Length': String(bytes.byteLength), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

const HTML = '<!doctype html><html><body><h1>Sign in to the Wi-Fi</h1></body></html>';

export interface MockHub {
  server: Server;
  requests: Map<string, number>;
}

export function createMockHub(): MockHub {
  const requests = new Map<string, number>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET, HEAD' });
      res.end();
      return;
    }
    if (path === '/__requests') return send(res, 200, 'application/json', JSON.stringify(Object.fromEntries(requests)));
    if (path === '/__reset') {
      requests.clear();
      return send(res, 200, 'text/plain', 'ok');
    }
    const key = `${req.method ?? 'GET'} ${path}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);

    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(path);
    if (api?.[1] !== undefined) {
      const id = api[1];
      if (id === 'test/not-found') return send(res, 404, 'application/json', '{"error":"Repository not found"}');
      if (id === 'test/gated')
        return send(res, 401, 'application/json', '{"error":"Invalid credentials in Authorization header"}');
      if (id !== GOOD_ID && !Object.hasOwn(VARIANTS, id))
        return send(res, 404, 'application/json', '{"error":"Repository not found"}');
      const body = JSON.stringify({ id, sha: commitOf(id), siblings: siblings(id, filesOf(id)) });
      if (id === 'test/no-cors') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
        return;
      }
      return send(res, 200, 'application/json', body);
    }

    const file = /^\/([^/]+\/[^/]+)\/resolve\/[^/]+\/(.+)$/.exec(path);
    if (file?.[1] !== undefined && file[2] !== undefined) {
      const [id, name] = [file[1], file[2]];
      const bytes = filesOf(id).get(name);
      if (id === 'test/html-page') return send(res, 200, 'text/html; charset=utf-8', HTML);
      if (bytes === undefined || (id === 'test/missing-file' && name === WEIGHTS))
        return send(res, 404, 'text/plain', 'Entry not found', { 'X-Error-Code': 'EntryNotFound' });
      const headers = { 'X-Repo-Commit': commitOf(id), ETag: `"${gitSha1(bytes)}"` };
      if (name === WEIGHTS && id === 'test/truncated-onnx') {
        const half = bytes.subarray(0, Math.floor(bytes.byteLength / 2));
        return send(res, 200, 'application/octet-stream', half, headers);
      }
      if (name === WEIGHTS && id === 'test/slow') {
        res.writeHead(200, {
          ...CORS,
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(bytes.byteLength),
          ...headers
        });
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || at >= bytes.byteLength) {
            clearInterval(timer);
            res.end();
            return;
          }
          res.write(bytes.subarray(at, at + 32_768));
          at += 32_768;
        }, 100);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (name === WEIGHTS && id === 'test/network-drop') {
        res.writeHead(200, {
          ...CORS,
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(bytes.byteLength),
          ...headers
        });
        res.write(bytes.subarray(0, Math.floor(bytes.byteLength / 2)), () => setTimeout(() => res.destroy(), 50));
        return;
      }
      return send(res, 200, name.endsWith('.json') ? 'application/json' : 'application/octet-stream', bytes, headers);
    }
    send(res, 404, 'text/plain', 'not found');
  };
  return { server: createServer(handle), requests };
}
