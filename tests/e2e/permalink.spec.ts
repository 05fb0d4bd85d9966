import { expect, test } from '@playwright/test';
import { MODES, appOrigin, blockOtherOrigins, note, waitForModel } from './talk-helpers.ts';

test.beforeEach(async ({ page }, info) => {
  test.skip(info.project.name !== 'wasm', 'links are backend-independent; checked once, on WASM');
  await page.addInitScript(() => localStorage.clear());
});

test('a permalink restores the page exactly and runs nothing until asked', async ({ page }, info) => {
  const blocked = await blockOtherOrigins(page, [appOrigin(info)]);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  const ex = Buffer.from(JSON.stringify([['What is 1 plus 1?', '1 + 1 = 2. The answer is 2.', '2']])).toString(
    'base64url'
  );
  const search =
    `?device=wasm&q=${encodeURIComponent('How many legs do 3 cats have?')}&gold=12&modes=za` +
    `&trigger=${encodeURIComponent('Think it through.')}&ex=${ex}&dec=33_0.5_7_0.8_0&set=coin_12_77`;
  await page.goto(`/${search}`);
  await waitForModel(page);

  await expect(page.getByTestId('question')).toHaveValue('How many legs do 3 cats have?');
  await expect(page.getByTestId('gold')).toHaveValue('12');
  await expect(page.getByTestId('device-select')).toHaveValue('wasm');
  await expect(page.getByTestId('max-new-tokens')).toHaveValue('33');
  await expect(page.getByTestId('stop-at-next-question')).not.toBeChecked();
  await expect(page.getByTestId('trigger-input')).toHaveValue('Think it through.');
  await expect(page.getByTestId('pane-few-shot-cot').getByTestId('pane-prompt')).toContainText(
    'Q: What is 1 plus 1?\nA: 1 + 1 = 2. The answer is 2.'
  );
  await expect(page.getByTestId('eval-family')).toHaveValue('coin');
  await expect(page.getByTestId('eval-count')).toHaveValue('12');
  await expect(page.getByTestId('eval-seed')).toHaveValue('77');
  await expect(page.getByTestId('eval-mode-few-shot-cot')).not.toBeChecked();
  await expect(page.getByTestId('eval-mode-answer-only')).toBeChecked();
  await expect(page.getByTestId('link-notices')).toHaveCount(0);

  // The page's own permalink is the same link: the state round-trips through the URL.
  const permalink = await page.getByTestId('permalink').inputValue();
  expect(new URLSearchParams(new URL(permalink).search)).toEqual(new URLSearchParams(search));
  await expect.poll(() => page.evaluate(() => location.search)).toBe(new URL(permalink).search);

  // Nothing ran: every pane still waits and the evaluation has no answers.
  await page.waitForTimeout(1_000);
  for (const mode of MODES) await expect(page.getByTestId(`pane-${mode}`)).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('eval-status')).toHaveAttribute('data-status', 'idle');
  expect(blocked).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('hostile links are dropped with notices: no crash, no foreign model, no download, no run', async ({
  page
}, info) => {
  const origin = appOrigin(info);
  const blocked = await blockOtherOrigins(page, [origin]);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const hostile = [
    'device=wasm',
    'model=..%2F..%2Fevil',
    `q=${'x'.repeat(5_000)}`,
    'gold=%E0%A4%A',
    'ex=%40%40%40',
    '__proto__%5Bpolluted%5D=1',
    'constructor=1',
    'dec=99999_0_20_0.95_1',
    'set=mixed_100000_1',
    'modes=zzz',
    'embed=maybe'
  ].join('&');
  await page.goto(`/?${hostile}`);
  await waitForModel(page);
  const notices = page.getByTestId('link-notices');
  await expect(notices).toBeVisible();
  const text = await notices.innerText();
  note(info, 'notices', text.replace(/\s+/g, ' '));
  for (const expected of ['model', '“q”', '“gold”', '“ex”', '__proto__', 'constructor', '“dec”'])
    expect(text).toContain(expected);
  expect(await page.evaluate(() => 'polluted' in {})).toBe(false);
  // Only the bundled model's files were fetched; no path was ever built from the link's model id.
  const paths = requests.map((u) => new URL(u).pathname);
  expect(paths.filter((p) => p.includes('evil'))).toEqual([]);
  const modelFiles = paths.filter((p) => p.startsWith('/models/'));
  expect(modelFiles.length).toBeGreaterThan(0);
  expect(modelFiles.filter((p) => !p.startsWith('/models/think-small-3m/'))).toEqual([]);
  // The valid part still applies, the page is the normal one, and the address bar is cleaned.
  await expect(page.getByTestId('device-select')).toHaveValue('wasm');
  await expect(page.getByTestId('eval-count')).toHaveValue('50');
  await expect.poll(() => page.evaluate(() => location.search)).toBe('?device=wasm');
  for (const mode of MODES) await expect(page.getByTestId(`pane-${mode}`)).toHaveAttribute('data-status', 'idle');

  // A megabyte link is ignored as a whole. Servers refuse such a request line (preview answers 431), so the page is
  // served for it here from the app's own index.html: what is tested is the page reading a megabyte location.
  await page.route(
    (url) => url.pathname === '/' && url.search.length > 100_000,
    async (route) => route.fulfill({ response: await route.fetch({ url: `${origin}/` }) })
  );
  await page.goto(`/?q=${'a'.repeat(1_000_000)}`);
  await expect(page.getByTestId('link-notices')).toContainText('characters long');
  await expect(page.getByTestId('question')).not.toHaveValue(/aaaa/);

  expect(errors).toEqual([]);
  expect(downloads).toEqual([]);
  expect(blocked).toEqual([]);
});
