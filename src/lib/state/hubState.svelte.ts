import { messageOf } from '../core/values.ts';
import { SvelteMap } from 'svelte/reactivity';
import { probeWebGpu } from '../engine/shared/device.ts';
import { HubFiles, fetchRepo } from '../hub/hubFiles.ts';
import { DownloadCancelledError, HubError } from '../hub/hubErrors.ts';
import { HUB_ID, configFacts, filesFor, manifestOf, repoDtypes, repoProblem, tokenizerFacts } from '../hub/repo.ts';
import type { HubModelRef } from '../core/types.ts';
import { llamaParameterCount } from '../models/modelSize.ts';
import { CATALOG, catalogEntry, type CatalogEntry } from '../models/catalog.ts';
import type { HubDeps } from '../hub/hubDeps.ts';
import { bytesOf, planDtype, resolvePrompts, type HubCheck, type ResolvedPrompts } from '../hub/plan.ts';
import type { AppState } from './appState.svelte.ts';
import {
  addSample,
  bytesPerSec,
  needsConfirmation,
  transferTotals,
  type ByteSample,
  type FileTransfer,
  type TransferTotals
} from '../hub/transfer.ts';

export type HubPhase = 'idle' | 'checking' | 'checked' | 'downloading' | 'loading' | 'error';

interface Checked {
  check: HubCheck;
  files: HubFiles;
  plan: ReturnType<typeof filesFor>;
  prompts: ResolvedPrompts;
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/**
 * Choosing, checking and downloading a Hub model, then handing it to the app. Nothing touches the
 * engine until every file is downloaded and verified, so any failure leaves the loaded model running.
 */
export class HubState {
  /** The catalog's Hub models, for the picker (the bundled model is the first entry and is not downloaded). */
  readonly hubModels: readonly CatalogEntry[] = CATALOG.filter((e) => e.source === 'hub');
  #phase = $state<HubPhase>('idle');
  #error = $state<string | null>(null);
  #check = $state.raw<HubCheck | null>(null);
  #confirming = $state(false);
  #transfers = new SvelteMap<string, FileTransfer>();
  #speed = $state<number | null>(null);
  #samples: ByteSample[] = [];
  #checked: Checked | null = null;
  #abort: AbortController | null = null;
  readonly #app: AppState;
  readonly #deps: HubDeps;
  readonly #onCacheChange: () => void;

  /** `onCacheChange` hears when a download may have changed the model cache (the cache panel refreshes). */
  constructor(app: AppState, deps: HubDeps, onCacheChange: () => void = () => {}) {
    this.#app = app;
    this.#deps = deps;
    this.#onCacheChange = onCacheChange;
  }

  /** The loaded model's display name. */
  get currentModel(): string {
    return this.#app.modelLabel ?? this.#app.model.id;
  }
  get onBundledModel(): boolean {
    return this.#app.model === this.#app.bundled;
  }
  get bundledLabel(): string {
    return catalogEntry(this.#app.bundled.id)?.label ?? this.#app.bundled.id;
  }
  useBundled(): Promise<void> {
    return this.#app.useBundled();
  }

  get phase(): HubPhase {
    return this.#phase;
  }
  get error(): string | null {
    return this.#error;
  }
  get check(): HubCheck | null {
    return this.#check;
  }
  /** A large download waits for the user to say yes. */
  get confirming(): boolean {
    return this.#confirming;
  }
  get transfers(): FileTransfer[] {
    return [...this.#transfers.values()];
  }
  get totals(): TransferTotals {
    return transferTotals(this.transfers);
  }
  get bytesPerSec(): number | null {
    return this.#speed;
  }
  get busy(): boolean {
    return this.#phase === 'checking' || this.#phase === 'downloading' || this.#phase === 'loading';
  }

  /** Checks what can be checked before a download: the Hub's file list, config, architecture, tokenizer, dtypes. */
  async inspect(rawId: string, revision = 'main'): Promise<void> {
    const id = rawId.trim();
    this.#reset('checking');
    try {
      if (!HUB_ID.test(id))
        throw new HubError(
          `"${id}" is not a Hub model id: write it as owner/name, e.g. onnx-community/Qwen2.5-0.5B-Instruct.`
        );
      this.#checked = await this.#inspect(id, catalogEntry(id), revision);
      this.#check = this.#checked.check;
      this.#phase = 'checked';
    } catch (err) {
      this.#fail(err);
    }
  }

  async #inspect(id: string, entry: CatalogEntry | null, revision: string): Promise<Checked> {
    const { host, fetch, storage, gpu } = this.#deps;
    const repo = await fetchRepo(host, id, entry?.revision ?? revision, storage, fetch);
    const problem = repoProblem(repo);
    if (problem !== null) throw new HubError(problem);
    const choice = planDtype(entry, repoDtypes(repo), this.#app.device, await probeWebGpu(gpu));
    if (choice === null)
      throw new HubError(`${id} ships no weights this browser can run (${repoDtypes(repo).join(', ')}).`);
    const plan = filesFor(repo, choice.dtype);
    const files = new HubFiles(host, repo, storage, fetch);
    const read = async (path: string): Promise<string | null> => {
      const file = plan.find((f) => f.path === path);
      return file === undefined ? null : decode(await files.get(file, () => {}));
    };
    const json = (text: string | null, what: string): unknown => {
      if (text === null) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new HubError(`${id}'s ${what} is not valid JSON.`);
      }
    };
    const config = json(await read('config.json'), 'config.json');
    const facts = configFacts(id, config);
    const tokenizer = tokenizerFacts(
      json(await read('tokenizer_config.json'), 'tokenizer_config.json'),
      await read('chat_template.jinja')
    );
    const base = this.#app.baseFormat;
    if (base === null) throw new HubError('The prompt formats have not loaded yet: try again in a moment.');
    const prompts = resolvePrompts(
      entry,
      base,
      json(await read('prompts.json'), 'prompts.json'),
      tokenizer.chatTemplate,
      tokenizer.tokens
    );
    let missingBytes = 0;
    for (const f of plan) if (!(await files.has(f))) missingBytes += Math.max(0, f.bytes);
    return {
      files,
      plan,
      prompts,
      check: {
        id,
        label: entry?.label ?? id,
        commit: repo.commit,
        modelType: facts.modelType,
        contextTokens: facts.contextTokens,
        device: choice.device,
        dtype: choice.dtype,
        totalBytes: bytesOf(plan),
        missingBytes,
        chat: prompts.chat !== null,
        thinks: prompts.thinks,
        parameters: llamaParameterCount(config),
        notices: choice.notices
      }
    };
  }

  /** Downloads what is missing (asking first when it is large), then loads the model in the engine. */
  async download(confirmed = false): Promise<void> {
    try {
      await this.#download(confirmed);
    } finally {
      this.#onCacheChange();
    }
  }

  async #download(confirmed: boolean): Promise<void> {
    const checked = this.#checked;
    if (checked === null || this.busy) return;
    if (!confirmed && needsConfirmation(checked.check.missingBytes)) {
      this.#confirming = true;
      return;
    }
    this.#confirming = false;
    this.#error = null;
    this.#phase = 'downloading';
    this.#transfers.clear();
    this.#samples = [];
    this.#speed = null;
    const abort = new AbortController();
    this.#abort = abort;
    for (const f of checked.plan)
      this.#transfers.set(f.path, { file: f.path, loadedBytes: 0, totalBytes: Math.max(0, f.bytes), fromCache: false });
    try {
      for (const f of checked.plan)
        await checked.files.get(
          f,
          (loaded, total, fromCache) => this.#progress(f.path, loaded, total, fromCache),
          abort.signal
        );
    } catch (err) {
      this.#fail(err);
      return;
    } finally {
      this.#abort = null;
    }
    this.#phase = 'loading';
    const { check, prompts } = checked;
    const ref: HubModelRef = {
      source: 'hub',
      id: check.id,
      baseUrl: this.#deps.host,
      dtypes: [check.dtype],
      revision: checked.files.repo.revision,
      manifest: manifestOf(checked.plan),
      chat: prompts.chat !== null
    };
    const app = this.#app;
    const previous = app.engine.model;
    await app.useModel({
      ref,
      label: check.label,
      parameters: check.parameters,
      format: prompts.format,
      chat: prompts.chat
    });
    if (app.engine.status === 'ready') {
      this.#phase = 'idle';
      return;
    }
    // The files were fine but the engine could not run them: go back to the model that worked.
    this.#phase = 'error';
    this.#error = `${check.id} could not start (${app.engine.error ?? 'unknown error'}); the previous model is loaded again.`;
    if (previous.format !== null) await app.useModel(previous);
  }

  cancel(): void {
    if (this.#confirming) {
      this.#confirming = false;
      return;
    }
    this.#abort?.abort();
  }

  #progress(file: string, loadedBytes: number, totalBytes: number, fromCache: boolean): void {
    this.#transfers.set(file, { file, loadedBytes, totalBytes, fromCache });
    if (fromCache) return;
    const downloaded = this.transfers.filter((t) => !t.fromCache).reduce((s, t) => s + t.loadedBytes, 0);
    this.#samples = addSample(this.#samples, { atMs: this.#deps.now(), bytes: downloaded });
    this.#speed = bytesPerSec(this.#samples);
  }

  #reset(phase: HubPhase): void {
    this.#phase = phase;
    this.#error = null;
    this.#check = null;
    this.#checked = null;
    this.#confirming = false;
    this.#transfers.clear();
  }

  #fail(err: unknown): void {
    if (err instanceof DownloadCancelledError) {
      this.#phase = this.#checked === null ? 'idle' : 'checked';
      this.#error = err.message;
      return;
    }
    this.#phase = 'error';
    this.#error = err instanceof HubError ? err.message : `Unexpected problem: ${messageOf(err)}`;
  }
}
