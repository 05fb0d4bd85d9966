import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '$lib/engine/shared/errors.ts';
import { ModelFiles, parseManifest, sha256Hex, verifyBytes } from '$lib/engine/shared/integrity.ts';
import { buildManifest, manifestText } from '../../../../scripts/model-manifest.ts';

const enc = { encode: (text: string) => new Uint8Array(new TextEncoder().encode(text)) };
const bytes = enc.encode('{"model_type":"llama"}');
const entry = async (b: Uint8Array<ArrayBuffer>) => ({ bytes: b.byteLength, sha256: await sha256Hex(b) });

async function files(): Promise<ModelFiles> {
  return new ModelFiles({ algorithm: 'sha256', files: { 'config.json': await entry(bytes) } }, '/models/m/');
}

/** A fetch that answers every URL with `body` (or a 404 for unknown paths). */
function serve(body: Uint8Array, known = ['/models/m/config.json']): typeof fetch {
  return (input) => {
    const path = new URL(String(input)).pathname;
    const found = known.includes(path);
    return Promise.resolve(new Response(found ? body.slice() : 'missing', { status: found ? 200 : 404 }));
  };
}

describe('sha256Hex', () => {
  it('matches the known digest of "abc"', async () =>
    expect(await sha256Hex(enc.encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    ));
});

describe('verifyBytes', () => {
  it('accepts the shipped bytes', async () => {
    await expect(verifyBytes('config.json', bytes, await entry(bytes))).resolves.toBeUndefined();
  });
  it('names the file and both digests when one byte differs', async () => {
    const tampered = bytes.slice();
    tampered.set([(tampered[3] ?? 0) ^ 1], 3);
    const err = await verifyBytes('config.json', tampered, await entry(bytes)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect(String(err)).toMatch(
      /^IntegrityError: config\.json does not match its checksum \(sha256 [0-9a-f]{12}…, expected [0-9a-f]{12}…\)/
    );
  });
  it('reports a truncated file by size', async () => {
    const err = await verifyBytes('config.json', bytes.slice(0, 5), await entry(bytes)).catch((e: unknown) => e);
    expect(String(err)).toContain(`config.json is 5 bytes, the manifest says ${bytes.byteLength}`);
  });
});

describe('ModelFiles.fetcher', () => {
  it('passes the shipped file through unchanged', async () => {
    const f = await files();
    const res = await f.fetcher(serve(bytes))('http://localhost/models/m/config.json');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(f.failure).toBeNull();
  });

  it('a tampered file errors the body with a clear IntegrityError and remembers it', async () => {
    const f = await files();
    const tampered = enc.encode('{"model_type":"evil!"}');
    const res = await f.fetcher(serve(tampered))('http://localhost/models/m/config.json');
    await expect(res.arrayBuffer()).rejects.toThrow(/config\.json does not match its checksum/);
    expect(f.failure).toBeInstanceOf(IntegrityError);
  });

  it('streams: the reader sees the chunks, then the error at the end', async () => {
    const f = await files();
    const res = await f.fetcher(serve(enc.encode('{"model_type":"other"}')))('http://localhost/models/m/config.json');
    const reader = res.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const first = await reader.read();
    expect(first.done).toBe(false);
    await expect(reader.read()).rejects.toBeInstanceOf(IntegrityError);
  });

  it('refuses a model file missing from the manifest, but lets a 404 through', async () => {
    const f = await files();
    const fetcher = f.fetcher(serve(bytes, ['/models/m/config.json', '/models/m/extra.json']));
    await expect(fetcher('http://localhost/models/m/extra.json')).rejects.toThrow(
      "extra.json is not listed in the model's manifest.json"
    );
    expect((await fetcher('http://localhost/models/m/optional.json')).status).toBe(404);
  });

  it('leaves URLs outside the model folder alone', async () => {
    const f = await files();
    const res = await f.fetcher(serve(enc.encode('x'), ['/assets/a.wasm']))('http://localhost/assets/a.wasm');
    expect(await res.text()).toBe('x');
  });
});

describe('parseManifest', () => {
  it('rejects a malformed manifest', () => {
    expect(() => parseManifest({ algorithm: 'md5', files: {} })).toThrow(IntegrityError);
    expect(() => parseManifest({ algorithm: 'sha256', files: { a: { bytes: 1, sha256: 'xyz' } } })).toThrow(
      'bad entry for a'
    );
  });
});

describe('the bundled model', () => {
  const folder = join(process.cwd(), 'models', 'think-small-3m');

  it('ships a manifest.json that matches its files (rerun scripts/model-manifest.ts after an export)', () => {
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(manifestText(buildManifest(folder)));
  });

  it('lists every file the engine loads', () => {
    const listed = Object.keys(parseManifest(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'))).files);
    for (const name of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'])
      expect(listed).toContain(name);
    expect(listed.filter((n) => n.startsWith('onnx/')).length).toBeGreaterThan(0);
  });
});
