import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STUDENT_FORMAT } from '../../../models/recipe/format.ts';
import { AppState } from '$lib/state/appState.svelte.ts';
import { EvalState } from '$lib/state/evalState.svelte.ts';
import { ShareState, applyLink } from '$lib/state/shareState.svelte.ts';
import { decodeLink } from '$lib/link/permalink.ts';
import { ViewState } from '$lib/state/viewState.svelte.ts';
import { FakeWorker } from '../engine/client/fakeWorker.ts';

const BASE = 'http://localhost:4173/';
const format = {
  ...STUDENT_FORMAT,
  exemplars: [{ question: 'What is 2 plus 3?', rationale: '2 + 3 = 5. The answer is 5.', answer: '5' }]
};
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

interface Page {
  app: AppState;
  evaluation: EvalState;
  share: ShareState;
  worker: () => FakeWorker;
}

/** A page as App.svelte builds it, from a search string, with the prompt format loaded. */
async function open(search: string): Promise<Page> {
  const { link, view } = decodeLink(search);
  let w: FakeWorker | null = null;
  const app = new AppState({
    origin: 'http://localhost:4173',
    base: '/',
    ...(link.device === undefined ? {} : { device: link.device }),
    createWorker: () => (w = new FakeWorker()),
    cores: 1
  });
  const evaluation = new EvalState(app);
  applyLink(link, app, evaluation);
  const share = new ShareState(app, evaluation, new ViewState(view), BASE);
  await app.loadBundledFacts();
  return {
    app,
    evaluation,
    share,
    worker: () => {
      if (w === null) throw new Error('no worker');
      return w;
    }
  };
}

beforeEach(() => {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(format))));
});
afterEach(() => vi.unstubAllGlobals());

describe('ShareState', () => {
  it('gives a bare link for a fresh page', async () => {
    const page = await open('');
    expect(page.app.formatError).toBeNull();
    expect(page.share.pageHref).toBe(BASE);
    expect(page.share.search).toBe('');
  });

  it('restores the whole page from its own link', async () => {
    const first = await open('');
    first.app.setDevice('wasm');
    first.app.setQuestionText('What is 6 times 7?');
    first.app.setGold('42');
    first.app.setTrigger('Think first.');
    first.app.setExemplar(0, { answer: '88' });
    first.app.setParams({ maxNewTokens: 32, temperature: 0.5, topK: 7, topP: 0.8 });
    first.app.setStopAtNextQuestion(false);
    first.evaluation.setModes(['few-shot-cot', 'answer-only']);
    first.evaluation.setFamily('letters');
    first.evaluation.setCount(12);
    first.evaluation.setSeed(99);
    first.app.consistency.setOn(true);
    first.app.consistency.setSettings({ k: 8, temperature: 0.9, seed: 5 });
    const href = first.share.pageHref;

    const second = await open(new URL(href).search);
    expect(second.share.link).toEqual(first.share.link);
    expect(second.share.pageHref).toBe(href);
    expect(second.app.prompts).toEqual(first.app.prompts);
    expect(second.app.device).toBe('wasm');
    expect(second.app.consistency.on).toBe(true);
    expect(second.app.consistency.settings).toEqual({ k: 8, temperature: 0.9, seed: 5 });
  });

  it('a question too long for a link is left out and the share panel says so, with the limit (issue 14)', async () => {
    const page = await open('');
    page.app.setQuestionText('How many? '.repeat(543));
    expect(page.share.search).not.toContain('q=');
    expect(decodeLink(page.share.search).notices).toEqual([]);
    expect(page.share.linkNotes).toEqual([
      'The question is 5,430 characters; a link carries at most 1,000, so the link opens the default question.'
    ]);
    expect(page.share.linkLimit).toBe('A link carries questions of up to 1,000 characters.');
  });

  it('says that a pasted set is not in the link (issue 14)', async () => {
    const page = await open('');
    expect(page.share.linkNotes).toEqual([]);
    page.evaluation.useText('question,answer\nWhat is 2 plus 3?,5', 'mine.csv');
    expect(page.evaluation.choice).toBe('uploaded');
    expect(page.share.linkNotes).toEqual([
      'The pasted set “mine.csv” is not in the link: the link selects the generated set (mixed × 50) instead.'
    ]);
  });

  it('the share popover opens and closes through its state', async () => {
    const page = await open('');
    expect(page.share.open).toBe(false);
    page.share.setOpen(true);
    expect(page.share.open).toBe(true);
    page.share.setOpen(false);
    expect(page.share.open).toBe(false);
  });

  it('restores nothing that runs: no generate request is sent', async () => {
    const page = await open('?q=What%20is%201%2B1%3F&gold=2&dec=8_0_20_0.95_1');
    page.app.loadModel();
    await tick();
    expect(page.worker().posted.map((r) => r.type)).toEqual(['load']);
    expect(page.app.question).toEqual({ question: 'What is 1+1?', gold: '2', family: null });
    expect(page.app.params.maxNewTokens).toBe(8);
  });

  it('leaves the model defaults out of the link once they match', async () => {
    const page = await open('');
    page.app.setTrigger('Other.');
    expect(page.share.search).toContain('trigger=Other.');
    page.app.resetPromptSettings();
    expect(page.share.search).toBe('');
  });

  it('builds embed links and an iframe snippet with escaped attributes', async () => {
    const page = await open('?device=wasm&present=1');
    expect(page.share.search).toBe('?device=wasm&present=1');
    expect(page.share.pageHref).toBe(`${BASE}?device=wasm`);
    expect(page.share.embedHref).toBe(`${BASE}?device=wasm&embed=1`);
    expect(page.share.embedSnippet).toContain('src="http://localhost:4173/?device=wasm&amp;embed=1"');
    expect(page.share.embedSnippet).toMatch(/^<iframe .*><\/iframe>$/);
  });
});
