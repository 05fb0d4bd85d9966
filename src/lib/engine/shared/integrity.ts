import type { Manifest, ManifestEntry } from '../../core/types.ts';
import { IntegrityError } from './errors.ts';

function isEntry(value: unknown): value is ManifestEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { bytes, sha256 } = value as Partial<Record<keyof ManifestEntry, unknown>>;
  return typeof bytes === 'number' && typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256);
}

export function parseManifest(json: unknown): Manifest {
  if (typeof json !== 'object' || json === null) throw new IntegrityError('manifest.json is not an object');
  const { algorithm, files } = json as Partial<Record<keyof Manifest, unknown>>;
  if (algorithm !== 'sha256') throw new IntegrityError(`manifest.json: unsupported algorithm ${String(algorithm)}`);
  if (typeof files !== 'object' || files === null) throw new IntegrityError('manifest.json has no files');
  const out: Record<string, ManifestEntry> = {};
  for (const [name, entry] of Object.entries(files)) {
    if (!isEntry(entry)) throw new IntegrityError(`manifest.json: bad entry for ${name}`);
    out[name] = { bytes: entry.bytes, sha256: entry.sha256 };
  }
  return { algorithm, files: out };
}

async function digestHex(algorithm: 'SHA-256' | 'SHA-1', bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return digestHex('SHA-256', bytes);
}

/** Git's object id for a file's content, as the Hub reports it (`blobId`) for files outside LFS. */
export function gitBlobSha1(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.byteLength}\0`);
  const all = new Uint8Array(header.byteLength + bytes.byteLength);
  all.set(header);
  all.set(bytes, header.byteLength);
  return digestHex('SHA-1', all);
}

/** Throws an IntegrityError naming the file, the expected and the actual digest when the bytes differ. */
export async function verifyBytes(file: string, bytes: Uint8Array<ArrayBuffer>, entry: ManifestEntry): Promise<void> {
  if (bytes.byteLength !== entry.bytes)
    throw new IntegrityError(
      `${file} is ${bytes.byteLength} bytes, the manifest says ${entry.bytes}: the file is damaged or not the one shipped`
    );
  const [kind, expected, actual] =
    entry.sha256 !== undefined
      ? ['sha256', entry.sha256, await sha256Hex(bytes)]
      : entry.gitSha1 !== undefined
        ? ['git sha1', entry.gitSha1, await gitBlobSha1(bytes)]
        : ['', '', ''];
  if (actual !== expected)
    throw new IntegrityError(
      `${file} does not match its checksum (${kind} ${actual.slice(0, 12)}…, expected ${expected.slice(0, 12)}…): the file is damaged or not the one shipped`
    );
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Passes the body through unchanged, so download progress still streams, and checks the digest at the
 * end: a mismatch errors the stream, so the reader gets the IntegrityError instead of the bytes.
 */
export function verifyingStream(
  body: ReadableStream<Uint8Array>,
  file: string,
  entry: ManifestEntry,
  onFailure: (err: IntegrityError) => void
): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        chunks.push(chunk);
        total += chunk.byteLength;
        controller.enqueue(chunk);
      },
      async flush() {
        try {
          await verifyBytes(file, concat(chunks, total), entry);
        } catch (err) {
          if (err instanceof IntegrityError) onFailure(err);
          throw err;
        }
      }
    })
  );
}

/** Where a model's files live, as the URL paths transformers.js requests them. */
export class ModelFiles {
  readonly manifest: Manifest;
  /** URL path of the model folder, ending in `/`, e.g. `/models/think-small-3m/`. */
  readonly folderPath: string;
  #failure: IntegrityError | null = null;

  constructor(manifest: Manifest, folderPath: string) {
    this.manifest = manifest;
    this.folderPath = folderPath;
  }

  /** The first integrity failure: transformers.js may wrap the error it saw, this keeps the original. */
  get failure(): IntegrityError | null {
    return this.#failure;
  }

  /** The manifest name (`onnx/model_quantized.onnx`) of a URL or path under the model folder, else null. */
  fileOf(urlOrPath: string): string | null {
    const path = new URL(urlOrPath, 'http://x/').pathname;
    return path.startsWith(this.folderPath) ? decodeURIComponent(path.slice(this.folderPath.length)) : null;
  }

  entryOf(file: string): ManifestEntry | null {
    return Object.hasOwn(this.manifest.files, file) ? (this.manifest.files[file] ?? null) : null;
  }

  fail(err: IntegrityError): IntegrityError {
    this.#failure ??= err;
    return err;
  }

  /**
   * A `fetch` for transformers.js: model files come back with a verifying body. A model file missing
   * from the manifest is refused, except a 404 (transformers.js probes optional files).
   */
  fetcher(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const res = await inner(input, init);
      const file = this.fileOf(url);
      if (file === null || (init?.method ?? 'GET') !== 'GET' || res.status === 404) return res;
      const entry = this.entryOf(file);
      if (entry === null) throw this.fail(new IntegrityError(`${file} is not listed in the model's manifest.json`));
      if (!res.ok || res.body === null) return res;
      const body = verifyingStream(res.body, file, entry, (err) => this.fail(err));
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
  }
}

/** Fetches and parses the model's manifest; a model without one is refused, unverified weights never run. */
export async function fetchModelFiles(folderUrl: string): Promise<ModelFiles> {
  const url = `${folderUrl}manifest.json`;
  let res: Response;
  try {
    // A re-exported model ships a new manifest; never trust a cached one.
    res = await fetch(url, { cache: 'no-cache' });
  } catch (err) {
    throw new IntegrityError(`manifest.json could not be fetched: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok)
    throw new IntegrityError(`the model has no manifest.json with file checksums (HTTP ${res.status} from ${url})`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new IntegrityError('manifest.json is not valid JSON');
  }
  return new ModelFiles(parseManifest(json), new URL(folderUrl).pathname);
}
