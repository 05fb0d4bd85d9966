import { expect, test } from '@playwright/test';
import { expectAllDone, note, openApp, pane, setMaxNewTokens } from './helpers.ts';
import { screenshotPath } from './talk-helpers.ts';

test.describe('the token confidence view', () => {
  test.beforeEach(() => test.skip(test.info().project.metadata.device !== 'wasm', 'WASM project only'));

  test("shades the tokens, shows a token's top 5 on focus, and takes the other branch at a fork", async ({
    page
  }, info) => {
    // The README's screenshot sizes: a laptop on stage, and a phone.
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, info);
    await setMaxNewTokens(page, 64);
    const zero = pane(page, 'zero-shot-cot');
    const toggle = zero.getByTestId('confidence-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('run').click();
    await expectAllDone(page, 120_000);

    // A span per token, focusable only while the view is on; the other panes keep plain text.
    const tokens = zero.locator('[data-i]');
    expect(await tokens.count()).toBeGreaterThan(10);
    await expect(pane(page, 'few-shot-cot').locator('[data-i]')).toHaveCount(0);
    await expect(zero.getByTestId('confidence-legend')).toBeVisible();

    const popover = zero.getByTestId('token-popover');
    await tokens.nth(4).focus();
    await expect(popover).toBeVisible();
    await expect(tokens.nth(4)).toHaveAttribute('aria-describedby', /alternatives/);
    await expect(popover.getByTestId('alternative-prob')).toHaveCount(5);
    for (const p of await popover.getByTestId('alternative-prob').allTextContents()) expect(p).toMatch(/^(\d+|< 1) %$/);
    await page.keyboard.press('Escape');
    await expect(popover).toHaveCount(0);

    // The bundled model's default question has near-ties (how to start the answer): at least one fork is marked.
    const forks = zero.locator('[data-fork]');
    expect(await forks.count()).toBeGreaterThan(0);
    note(info, 'forks', `${await forks.count()} of ${await tokens.count()} tokens`);
    await forks.first().click();
    await expect(popover.getByTestId('fork-mark')).toBeVisible();
    await popover.getByTestId('take-branch').click();

    const branch = zero.getByTestId('branch');
    await expect(branch).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(branch.getByTestId('branch-continuation')).not.toBeEmpty();
    await expect(branch.getByTestId('branch-answer')).toHaveAttribute('data-verdict', /^(right|wrong)$/);
    note(info, 'branch', (await branch.getByTestId('branch-text').textContent()) ?? '');
    // The pane's own run stays as it was.
    await expect(zero.getByTestId('pane-answer')).toBeVisible();

    await forks.first().click();
    await expect(popover).toBeVisible();
    await page.screenshot({ path: screenshotPath(info, 'talk-confidence.png') });
    // On a phone: the pane's text with a token's alternatives open, and the branch below it.
    await page.setViewportSize({ width: 390, height: 844 });
    // The text's box scrolled to its end, where the branch is, and the page so that the last line sits low enough
    // for the popover to open upwards; the focus must not scroll them back.
    await zero.locator('.output').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const token = tokens.nth(-4);
    await token.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().bottom - 560));
    await token.evaluate((el) => (el instanceof HTMLElement ? el.focus({ preventScroll: true }) : null));
    await expect(popover).toBeInViewport();
    await expect(branch).toBeInViewport();
    await page.screenshot({ path: screenshotPath(info, 'talk-confidence-phone.png') });

    await toggle.click();
    await expect(tokens).toHaveCount(0);
  });
});
