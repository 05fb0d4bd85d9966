#!/usr/bin/env node
// The one command that runs every test: `npm test`.
//
//   1. svelte-check            types in .ts and .svelte files
//   2. lint                    prettier --check and ESLint (the bans on `any` and `!`, the layer rules)
//   3. vitest (all projects)   unit tests, then integration tests on the bundled model in Node
//   4. vite build              the production build the end-to-end tests drive
//   5. playwright test         end-to-end, in Chromium
//   6. bench --quick           the benchmark script, one short run per path (figures printed, not judged)
//
// Before the tests it makes sure the machine has what they need: Chromium for Playwright (found, or
// installed with apt-get when running as root) and the Python packages the model-pipeline smoke test uses.
// Every step runs even after an earlier one fails (except e2e without a build), then a summary is
// printed; the exit code is non-zero when anything failed. Plain Node, no dependencies.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import process from 'node:process';
import { stripVTControlCharacters } from 'node:util';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const CHROMIUM_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const PYTHON = '/usr/bin/python3';
const PYTHON_PACKAGES = ['python3-torch', 'python3-onnx', 'python3-numpy'];

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const results = [];

function log(message) {
  console.log(`\n\x1b[1m[test] ${message}\x1b[0m`);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Run a command with inherited output; returns its exit status (1 when it could not start). */
function run(command, args, env = process.env) {
  const child = spawnSync(command, args, { stdio: 'inherit', env });
  if (child.error) {
    console.error(`[test] could not start ${command}: ${child.error.message}`);
    return 1;
  }
  return child.status ?? 1;
}

function quiet(command, args) {
  const child = spawnSync(command, args, { stdio: 'ignore' });
  return !child.error && child.status === 0;
}

function step(name, command, args, env) {
  log(`${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const status = run(command, args, env);
  const seconds = (Date.now() - started) / 1000;
  results.push({ name, ok: status === 0, detail: status === 0 ? `${seconds.toFixed(1)} s` : `exit ${status}` });
  return status === 0;
}

/** Each failed end-to-end test with its error's first lines, from Playwright's JSON report. */
function e2eFailures(reportPath) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return [];
  }
  const failures = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const last = t.results?.at(-1);
        if (!last || last.status === 'passed' || last.status === 'skipped') continue;
        // Playwright colours its messages; strip the escape codes for a plain log.
        const message = stripVTControlCharacters(last.errors?.[0]?.message ?? last.status);
        const lines = message
          .split('\n')
          .filter((l) => l.trim() !== '')
          .slice(0, 8);
        failures.push(`[${t.projectName}] ${[...titles, spec.title].join(' › ')}\n      ${lines.join('\n      ')}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  return failures;
}

function skip(name, why) {
  results.push({ name, ok: false, detail: `not run: ${why}` });
}

const canApt = isRoot && onPath('apt-get') !== null;

function aptInstall(packages) {
  log(`installing with apt-get: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get', ['-qq', 'update'], env) === 0 &&
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env) === 0
  );
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`[test] CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere.`);
  }
  for (const path of CHROMIUM_CANDIDATES) if (isExecutable(path)) return path;
  for (const name of CHROMIUM_ON_PATH) {
    const path = onPath(name);
    if (path) return path;
  }
  return null;
}

/** Chromium for Playwright: found, or installed when we may; null (with instructions printed) otherwise. */
function ensureChromium() {
  let path = findChromium();
  if (!path && canApt && aptInstall(['chromium', 'fonts-liberation'])) path = findChromium();
  if (path) {
    log(`Chromium: ${path}`);
    return path;
  }
  console.error(
    [
      '',
      '[test] MISSING: Chromium, needed for the end-to-end tests (Playwright drives the system Chromium).',
      '  Looked at: $CHROMIUM_PATH, ' +
        CHROMIUM_CANDIDATES.join(', ') +
        ', and ' +
        CHROMIUM_ON_PATH.join(', ') +
        ' on PATH.',
      '  Install it, then run `npm test` again:',
      '    Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
      '    elsewhere:      install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium',
      ''
    ].join('\n')
  );
  return null;
}

/** torch + onnx for the model-pipeline smoke test; that test skips (with a message) if they stay missing. */
function ensurePythonPackages() {
  const hasThem = () => quiet(PYTHON, ['-c', 'import torch, onnx, numpy']);
  if (hasThem()) return;
  if (canApt && aptInstall(PYTHON_PACKAGES) && hasThem()) return;
  console.warn(
    `[test] note: ${PYTHON} cannot import torch, onnx and numpy; the model-pipeline smoke test will be skipped.\n` +
      `  To run it: sudo apt-get install -y ${PYTHON_PACKAGES.join(' ')}`
  );
}

const started = Date.now();

step('svelte-check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json']);
step('lint', 'npm', ['run', '--silent', 'lint']);

ensurePythonPackages();
step('vitest (unit + integration)', 'npx', ['vitest', 'run']);

const chromium = ensureChromium();
const built = step('vite build', 'npx', ['vite', 'build']);
if (!chromium) skip('playwright e2e', 'Chromium is missing (see above)');
else if (!built) skip('playwright e2e', 'the build failed');
else step('playwright e2e', 'npx', ['playwright', 'test'], { ...process.env, CHROMIUM_PATH: chromium });
if (!chromium) skip('bench (quick)', 'Chromium is missing (see above)');
else step('bench (quick)', 'npx', ['tsx', 'bench/run.ts', '--quick'], { ...process.env, CHROMIUM_PATH: chromium });

const failed = results.filter((r) => !r.ok);
const width = Math.max(...results.map((r) => r.name.length));
console.log('\n\x1b[1m[test] summary\x1b[0m');
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(width)}  ${r.detail}`);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(
  failed.length === 0
    ? `\n[test] all ${results.length} steps passed in ${minutes} min`
    : `\n[test] ${failed.length} of ${results.length} steps failed (${minutes} min): ${failed.map((r) => r.name).join(', ')}`
);
if (results.some((r) => r.name === 'playwright e2e' && r.detail.startsWith('exit')))
  for (const failure of e2eFailures('test-results/e2e-report.json')) console.log(`  e2e failure: ${failure}`);
process.exit(failed.length === 0 ? 0 : 1);
