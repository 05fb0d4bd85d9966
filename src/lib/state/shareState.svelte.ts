import { MODEL_IDS, isModelId } from '../models/bundled.ts';
import { MODES } from '../prompts/index.ts';
import { DEFAULT_PARAMS } from '../run/params.ts';
import type { AppState } from './appState.svelte.ts';
import { DEFAULT_SET, type EvalState } from './evalState.svelte.ts';
import type { Question } from '../questions/presets.ts';
import { LINK_LIMITS, encodeLink, linkOmissions, type LinkState } from '../link/permalink.ts';
import type { ViewState } from './viewState.svelte.ts';

/** What a fresh page shows; a link leaves these out. */
export function linkDefaults(firstPreset: Question | undefined): LinkState {
  const { maxNewTokens, temperature, topK, topP } = DEFAULT_PARAMS;
  return {
    model: MODEL_IDS[0],
    device: 'auto',
    question: { text: firstPreset?.question ?? '', gold: firstPreset?.gold ?? null },
    modes: [...MODES],
    trigger: null,
    exemplars: null,
    decoding: { maxNewTokens, temperature, topK, topP, stopAtNextQuestion: true },
    set: DEFAULT_SET,
    consistency: null
  };
}

/** Restores a decoded link onto fresh stores. Model and device go to AppState's constructor instead. */
export function applyLink(link: Partial<LinkState>, app: AppState, evaluation: EvalState): void {
  if (link.question !== undefined)
    app.setQuestion({ question: link.question.text, gold: link.question.gold, family: null });
  if (link.decoding !== undefined) {
    const { stopAtNextQuestion, ...params } = link.decoding;
    app.setParams(params);
    app.setStopAtNextQuestion(stopAtNextQuestion);
  }
  if (link.trigger !== undefined || link.exemplars !== undefined)
    app.setPromptOverrides(link.trigger ?? null, link.exemplars ?? null);
  if (link.modes !== undefined) evaluation.setModes(link.modes);
  if (link.set !== undefined) evaluation.applyLinkSet(link.set);
  if (link.consistency !== undefined && link.consistency !== null) {
    app.consistency.setOn(true);
    app.consistency.setSettings(link.consistency);
  }
}

export type CopyTarget = 'link' | 'embed';

/** Permalink, embed snippet and the address bar, all derived from the stores. */
export class ShareState {
  readonly #app: AppState;
  readonly #evaluation: EvalState;
  readonly #view: ViewState;
  readonly #defaults: LinkState;
  readonly #base: string;
  #copied = $state<CopyTarget | null>(null);
  #copyError = $state<string | null>(null);
  #open = $state(false);

  constructor(app: AppState, evaluation: EvalState, view: ViewState, base = `${location.origin}${location.pathname}`) {
    this.#app = app;
    this.#evaluation = evaluation;
    this.#view = view;
    this.#base = base;
    this.#defaults = linkDefaults(app.presets[0]);
  }

  get copied(): CopyTarget | null {
    return this.#copied;
  }
  get copyError(): string | null {
    return this.#copyError;
  }
  /** Whether the share popover is open. */
  get open(): boolean {
    return this.#open;
  }
  setOpen(open: boolean): void {
    this.#open = open;
  }

  readonly link = $derived.by((): LinkState => {
    const app = this.#app;
    const format = app.format;
    const sameExemplars = format !== null && JSON.stringify(app.exemplars) === JSON.stringify(format.exemplars);
    const { maxNewTokens, temperature, topK, topP } = app.params;
    return {
      model: isModelId(app.model.id) ? app.model.id : MODEL_IDS[0],
      device: app.device,
      question: { text: app.question.question, gold: app.question.gold },
      modes: [...this.#evaluation.modes],
      trigger: format !== null && app.trigger === format.trigger ? null : app.trigger,
      exemplars: sameExemplars ? null : app.exemplars.map((e) => ({ ...e })),
      decoding: { maxNewTokens, temperature, topK, topP, stopAtNextQuestion: app.stopAtNextQuestion },
      set: this.#evaluation.linkSet,
      consistency: app.consistency.on ? { ...app.consistency.settings } : null
    };
  });

  /** The limit a link keeps to, stated next to it before anyone runs into it. */
  readonly linkLimit = `A link carries questions of up to ${LINK_LIMITS.questionChars.toLocaleString('en-US')} characters.`;

  /** What the link leaves out of the page as it is now, in words: too long for a link, or a pasted set. */
  readonly linkNotes = $derived.by((): string[] => {
    const notes = linkOmissions(this.link);
    const uploaded = this.#evaluation.uploaded;
    if (this.#evaluation.choice === 'uploaded' && uploaded !== null) {
      const set = this.#evaluation.linkSet;
      const named =
        set.kind === 'presets' ? 'the preset questions' : `the generated set (${set.family} × ${set.count})`;
      notes.push(`The pasted set “${uploaded.label}” is not in the link: the link selects ${named} instead.`);
    }
    return notes;
  });

  /** The page as it is now, with the view it is shown in. */
  readonly search = $derived.by(() =>
    encodeLink(this.link, { embed: this.#view.embed, present: this.#view.present }, this.#defaults)
  );
  /** The full page (no embed, no presenter): what an embed links back to and what "Copy link" gives. */
  readonly pageHref = $derived.by(() => `${this.#base}${encodeLink(this.link, {}, this.#defaults)}`);
  readonly embedHref = $derived.by(() => `${this.#base}${encodeLink(this.link, { embed: true }, this.#defaults)}`);
  readonly embedSnippet = $derived(
    `<iframe src="${this.embedHref.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="Think Small: a tiny model reasoning step by step" width="100%" height="560" style="border:0" loading="lazy"></iframe>`
  );

  async copy(what: CopyTarget): Promise<void> {
    try {
      await navigator.clipboard.writeText(what === 'link' ? this.pageHref : this.embedSnippet);
      this.#copied = what;
      this.#copyError = null;
    } catch {
      // Clipboard access needs a user gesture and permission; the text stays selectable on the page.
      this.#copyError = 'Copying was refused by the browser; select the text and copy it by hand.';
    }
  }

  /** Keeps the address bar equal to the state, a moment after the last change; returns the cleanup for $effect. */
  syncAddressBar(): () => void {
    const search = this.search;
    const timer = setTimeout(() => {
      if (location.search !== search) history.replaceState(history.state, '', `${location.pathname}${search}`);
    }, 400);
    return () => clearTimeout(timer);
  }
}
