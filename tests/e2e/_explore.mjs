import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox'] });
const sizes = JSON.parse(process.argv[2] ?? '[[1440,900,false],[1280,720,false],[1280,720,true],[1920,1080,true],[390,844,false],[320,640,false]]');
const maxTok = Number(process.argv[3] ?? 60);
for (const [w,h,present] of sizes) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`http://localhost:5400/?device=wasm${present ? '&present=1' : ''}`);
  await page.getByTestId('run').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="run"]')?.disabled, null, { timeout: 180000 });
  if (maxTok) await page.evaluate((n) => {}, maxTok);
  await page.getByTestId('run').click();
  await page.waitForFunction(() => ['zero-shot-cot','few-shot-cot','answer-only'].every(m => document.querySelector(`[data-testid="pane-${m}"]`)?.getAttribute('data-status') === 'done'), null, { timeout: 300000 });
  const r = await page.evaluate(() => {
    const box = (sel) => { const e = document.querySelector(sel); if (!e) return null; const b = e.getBoundingClientRect(); return [Math.round(b.top), Math.round(b.bottom), Math.round(b.left), Math.round(b.right)]; };
    return { scrollW: document.documentElement.scrollWidth, scrollY: scrollY,
      marks: ['zero-shot-cot','few-shot-cot','answer-only'].map(m => box(`[data-testid="pane-${m}"] [data-testid="answer-mark"]`)),
      panes: ['zero-shot-cot','few-shot-cot','answer-only'].map(m => box(`[data-testid="pane-${m}"]`)),
      strip: box('[data-testid="verdict-strip"]'), question: box('[data-testid="question"]') };
  });
  console.log(w, h, present ? 'present' : 'normal', JSON.stringify(r));
  await page.screenshot({ path: `/tmp/shot-${w}x${h}-${present?'p':'n'}.png` });
  await page.close();
}
await browser.close();
