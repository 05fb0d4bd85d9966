import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: Number(process.argv[2] ?? 390), height: 844 } });
await page.goto(`http://localhost:5400/?device=wasm&set=mixed_2_2022&dec=24_0_20_0.95_1`);
await page.waitForFunction(() => document.querySelector(`[data-testid="run"]`)?.disabled === false, null, { timeout: 120000 });
if (process.argv[3] === 'eval') { await page.getByTestId('eval-run').click(); await page.waitForFunction(() => document.querySelector('[data-testid="eval-status"]')?.getAttribute('data-status') === 'done', null, { timeout: 300000 }); await page.waitForTimeout(1500); }
const r = await page.evaluate(() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const b = e.getBoundingClientRect();
    if (b.right > innerWidth + 1 && b.width > 0 && !e.closest(".table-scroll")) out.push(`${e.tagName}.${e.className} ${Math.round(b.left)}-${Math.round(b.right)} w=${Math.round(b.width)}`);
  }
  return { sw: document.documentElement.scrollWidth, out: out.slice(0, 25) };
});
console.log(JSON.stringify(r, null, 1));
await browser.close();
