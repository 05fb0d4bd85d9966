import { isRecord } from '../core/values.ts';
import { dtypeFile } from '../engine/shared/device.ts';
import { HubError } from './hubErrors.ts';
import { DTYPES, type Dtype, type Manifest, type ManifestEntry } from '../core/types.ts';

/** The Hub's public host; a test build points the app at a local stand-in (see `hubHost`). */
export const HUB_HOST = 'https://huggingface.co/';

/** A file in a Hub repo, as the Hub's API lists it. */
export interface HubFile {
  path: string;
  bytes: number;
  sha256?: string;
  gitSha1?: string;
}

/** What the Hub says about a repo at a revision: the commit it resolves to and its files. */
export interface HubRepo {
  id: string;
  /**
   * The revision asked for; files are fetched (and cached) under it, because transformers.js asks for
   * some files at the revision it was given and others at `main`, and both must find the cache.
   */
  revision: string;
  /** The commit it resolved to when the file list was read: shown to the user. A push since then shows up as a checksum error. */
  commit: string;
  files: HubFile[];
}

/**
 * `model_type`s transformers.js 4 can generate text with (its causal-LM mapping, the families that
 * matter here); anything else is refused before a download rather than failing after it.
 */
export const CAUSAL_LM_TYPES: readonly string[] = [
  'llama',
  'qwen2',
  'qwen3',
  'gemma',
  'gemma2',
  'gemma3_text',
  'phi',
  'phi3',
  'mistral',
  'gpt2',
  'gpt_neox',
  'gptj',
  'olmo',
  'olmo2',
  'granite',
  'smollm3',
  'stablelm',
  'falcon',
  'exaone',
  'cohere',
  'starcoder2'
];

export const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export function apiUrl(host: string, id: string, revision: string): string {
  return `${host}api/models/${id}/revision/${encodeURIComponent(revision)}?blobs=true`;
}

/** Turns a failed Hub response into a sentence that says what is wrong and what to do. */
export function httpProblem(status: number, id: string, what: string): HubError {
  switch (status) {
    case 401:
    case 403:
      return new HubError(
        `${id} needs a signed-in account (HTTP ${status}): the model is private or gated, or there is no such model. Gated models cannot be loaded here.`
      );
    case 404:
      return new HubError(`${what} was not found on the Hub (HTTP 404): check the model id and revision.`);
    case 429:
      return new HubError(`The Hub is limiting requests (HTTP 429): wait a minute and try again.`);
    default:
      return new HubError(`The Hub answered HTTP ${status} for ${what}: try again later.`);
  }
}

/** An HTML page where a file or JSON was expected: a login wall, captive portal or proxy answered. */
export function isHtml(res: Response): boolean {
  return /\btext\/html\b/i.test(res.headers.get('content-type') ?? '');
}

export function htmlProblem(what: string): HubError {
  return new HubError(
    `${what} came back as a web page, not the file: a login page, captive portal or proxy answered instead of the Hub.`
  );
}

export function unreachable(host: string, err: unknown): HubError {
  const why = err instanceof Error ? err.message : String(err);
  return new HubError(
    `Could not reach ${new URL(host).host} (${why}): you may be offline, or a network filter or CORS blocked the request.`
  );
}

/** Parses the Hub's `api/models/{id}/revision/{rev}?blobs=true` answer. */
export function parseRepo(id: string, revision: string, json: unknown): HubRepo {
  if (!isRecord(json) || !Array.isArray(json.siblings))
    throw new HubError(`The Hub's description of ${id} has no file list.`);
  const commit = typeof json.sha === 'string' ? json.sha : revision;
  const files: HubFile[] = [];
  for (const s of json.siblings) {
    if (!isRecord(s) || typeof s.rfilename !== 'string') continue;
    const lfs = isRecord(s.lfs) ? s.lfs : null;
    const file: HubFile = {
      path: s.rfilename,
      bytes: typeof s.size === 'number' ? s.size : typeof lfs?.size === 'number' ? lfs.size : -1
    };
    if (typeof lfs?.sha256 === 'string') file.sha256 = lfs.sha256;
    else if (typeof s.blobId === 'string') file.gitSha1 = s.blobId;
    files.push(file);
  }
  return { id, revision, commit, files };
}

/** Dtypes whose weights the repo ships under `onnx/`. */
export function repoDtypes(repo: HubRepo): Dtype[] {
  const paths = new Set(repo.files.map((f) => f.path));
  return DTYPES.filter((d) => paths.has(`onnx/${dtypeFile(d)}`));
}

const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
/** Read when present: decoding defaults, the project's own prompt formats, a separate chat template. */
const OPTIONAL = ['generation_config.json', 'prompts.json', 'chat_template.jinja'] as const;

/** Why the repo cannot be run by transformers.js at all, or null. */
export function repoProblem(repo: HubRepo): string | null {
  const paths = new Set(repo.files.map((f) => f.path));
  const missing = REQUIRED.filter((f) => !paths.has(f));
  if (missing.length > 0)
    return `${repo.id} has no ${missing.join(', ')}: it is not a transformers.js model. Look for an ONNX conversion (onnx-community/…).`;
  if (repoDtypes(repo).length === 0)
    return `${repo.id} has no ONNX weights (onnx/model*.onnx): transformers.js cannot run it. Look for an ONNX conversion (onnx-community/…).`;
  return null;
}

/** The files one load needs: config, tokenizer, optional extras, and the chosen dtype's weights (with external data). */
export function filesFor(repo: HubRepo, dtype: Dtype): HubFile[] {
  const weights = `onnx/${dtypeFile(dtype)}`;
  const wanted = (p: string): boolean =>
    (REQUIRED as readonly string[]).includes(p) ||
    (OPTIONAL as readonly string[]).includes(p) ||
    p === weights ||
    p.startsWith(`${weights}_data`);
  return repo.files.filter((f) => wanted(f.path));
}

export function manifestOf(files: readonly HubFile[]): Manifest {
  const out: Record<string, ManifestEntry> = {};
  for (const f of files) {
    const entry: ManifestEntry = { bytes: f.bytes };
    if (f.sha256 !== undefined) entry.sha256 = f.sha256;
    else if (f.gitSha1 !== undefined) entry.gitSha1 = f.gitSha1;
    out[f.path] = entry;
  }
  return { algorithm: 'sha256', files: out };
}

/** What config.json says about running the model. */
export interface ConfigFacts {
  modelType: string;
  contextTokens: number | null;
}

export function configFacts(id: string, json: unknown): ConfigFacts {
  if (!isRecord(json)) throw new HubError(`${id}'s config.json is not a JSON object.`);
  const modelType = typeof json.model_type === 'string' ? json.model_type : '';
  if (!CAUSAL_LM_TYPES.includes(modelType))
    throw new HubError(
      modelType === ''
        ? `${id}'s config.json names no model_type: transformers.js cannot tell how to run it.`
        : `${id} is a "${modelType}" model, which transformers.js cannot generate text with here (supported: ${CAUSAL_LM_TYPES.join(', ')}).`
    );
  const ctx = json.max_position_embeddings;
  return { modelType, contextTokens: typeof ctx === 'number' && ctx > 0 ? ctx : null };
}

/** The chat template and special tokens, as transformers.js reads them from tokenizer_config.json. */
export interface TokenizerFacts {
  chatTemplate: string | null;
  tokens: Record<string, string>;
}

function tokenText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v.content === 'string') return v.content;
  return null;
}

export function tokenizerFacts(json: unknown, separateTemplate: string | null): TokenizerFacts {
  const cfg = isRecord(json) ? json : {};
  let chatTemplate: string | null = separateTemplate;
  const t = cfg.chat_template;
  if (chatTemplate === null && typeof t === 'string') chatTemplate = t;
  if (chatTemplate === null && Array.isArray(t)) {
    const named = t.find((x: unknown) => isRecord(x) && x.name === 'default');
    if (isRecord(named) && typeof named.template === 'string') chatTemplate = named.template;
  }
  const tokens: Record<string, string> = {};
  for (const key of ['bos_token', 'eos_token', 'unk_token', 'pad_token']) {
    const v = tokenText(cfg[key]);
    if (v !== null) tokens[key] = v;
  }
  return { chatTemplate, tokens };
}
