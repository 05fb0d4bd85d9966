/**
 * Writes `manifest.json` into each model folder given: the size and sha256 of every file the app may
 * load, which the engine checks before using a byte. `--check` only compares and exits 1 on a difference.
 *
 *   npx tsx scripts/model-manifest.ts models/think-small-3m          # after exporting a model
 *   npx tsx scripts/model-manifest.ts --check models/think-small-3m  # in CI
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import type { Manifest } from '$lib/core/types.ts';
import { filesIn } from './files.ts';

export const MANIFEST_FILE = 'manifest.json';
/** The model card is rewritten by the evaluator and never loaded by the app. */
const NOT_LISTED = new Set([MANIFEST_FILE, 'README.md']);

export function buildManifest(folder: string): Manifest {
  const files: Manifest['files'] = {};
  const names = filesIn(folder).filter((name) => !NOT_LISTED.has(name));
  for (const name of names) {
    const bytes = readFileSync(join(folder, name));
    files[name] = { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return { algorithm: 'sha256', files };
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function main(args: string[]): number {
  const check = args.includes('--check');
  const folders = args.filter((a) => a !== '--check');
  if (folders.length === 0) {
    process.stderr.write('usage: model-manifest.ts [--check] <model folder>...\n');
    return 2;
  }
  let stale = 0;
  for (const folder of folders) {
    const path = join(folder, MANIFEST_FILE);
    const text = manifestText(buildManifest(folder));
    if (!check) {
      writeFileSync(path, text);
      process.stdout.write(`wrote ${path}\n`);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing manifest counts as stale.
    }
    if (current !== text) {
      stale += 1;
      process.stderr.write(`${path} does not match the files: run npx tsx scripts/model-manifest.ts ${folder}\n`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href)
  process.exit(main(process.argv.slice(2)));
