import { expect, type Download, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';

export const MODES = ['zero-shot-cot', 'few-shot-cot', 'answer-only'] as const;

export function appOrigin(info: TestInfo): string {
  return new URL(info.project.use.baseURL ?? 'http://localhost:4173').origin;
}

export function note(info: TestInfo, type: string, description: string): void {
  info.annotations.push({ type, description });
  process.stdout.write(`[${info.project.name}] ${type}: ${description}\n`);
}

/** Aborts and remembers every request outside the allowed origins: the tests must never reach the network. */
export async function blockOtherOrigins(page: Page, allowed: readonly string[]): Promise<string[]> {
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((o) => url.startsWith(o)) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/** Waits until the engine is ready (or fails at once on a load error). */
export async function waitForModel(scope: { getByTestId(id: string): Locator }): Promise<void> {
  await expect(scope.getByTestId('run')).toBeEnabled({ timeout: 180_000 });
  await expect(scope.getByTestId('load-error')).toHaveCount(0);
}

export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await pathOf(download), 'utf8') };
}

export async function downloadBytes(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await pathOf(download)) };
}

async function pathOf(download: Download): Promise<string> {
  const path = await download.path();
  if (path === null) throw new Error(`download ${download.suggestedFilename()} has no file`);
  return path;
}

/**
 * Where a screenshot goes: `docs/` for the README when E2E_DOCS=1 (full-length answers), the test's output folder
 * otherwise, so a quick CI run never replaces the README images with cut-short answers.
 */
export function screenshotPath(info: TestInfo, name: string): string {
  if (process.env.E2E_DOCS !== '1') return info.outputPath(name);
  mkdirSync('docs', { recursive: true });
  return `docs/${name}`;
}
