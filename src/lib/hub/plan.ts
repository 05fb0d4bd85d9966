import { chooseBackend, type GpuProbe } from '../engine/shared/device.ts';
import { HUB_HOST, type HubFile } from './repo.ts';
import type { DevicePreference, Device, Dtype } from '../core/types.ts';
import {
  parsePromptFormat,
  type ChatModes,
  type ChatPrompting,
  type PromptFormat,
  type SpecialTokens
} from '../prompts/index.ts';
import { GENERIC_CHAT, type CatalogEntry } from '../models/catalog.ts';
import { chatFormat } from '../models/chatFormat.ts';

/**
 * The Hub the app talks to. Only a test build (VITE_HUB_HOST, see README) names another, a local
 * stand-in; its CSP then allows that origin and nothing else changes.
 */
export function hubHost(configured: string | undefined): string {
  if (configured === undefined || configured === '') return HUB_HOST;
  return configured.endsWith('/') ? configured : `${configured}/`;
}

export interface DtypePlan {
  device: Device;
  dtype: Dtype;
  notices: string[];
}

/** The dtype to download: what the repo ships, limited to what the catalog says suits each backend. */
export function planDtype(
  entry: CatalogEntry | null,
  repoDtypes: readonly Dtype[],
  preference: DevicePreference,
  probe: GpuProbe
): DtypePlan | null {
  const suited = entry === null ? null : new Set([...entry.webgpuDtypes, ...entry.wasmDtypes]);
  const available = repoDtypes.filter((d) => suited === null || suited.has(d));
  return chooseBackend(preference, probe, available);
}

export function bytesOf(files: readonly HubFile[]): number {
  return files.reduce((sum, f) => sum + Math.max(0, f.bytes), 0);
}

export interface ResolvedPrompts {
  format: PromptFormat;
  chat: ChatPrompting | null;
  thinks: boolean;
}

/**
 * How a Hub model is prompted: a repo's own prompts.json wins (the project's Q/A format, as the bundled
 * model ships it); else its chat template with the catalog's turns (or the generic ones); else Q/A text.
 */
export function resolvePrompts(
  entry: CatalogEntry | null,
  base: PromptFormat,
  promptsJson: unknown,
  chatTemplate: string | null,
  tokens: SpecialTokens
): ResolvedPrompts {
  if (promptsJson !== null) return { format: parsePromptFormat(promptsJson), chat: null, thinks: false };
  if (chatTemplate === null) return { format: base, chat: null, thinks: false };
  const turns: ChatModes = entry?.prompts.kind === 'chat' ? entry.prompts.chat : GENERIC_CHAT;
  return {
    format: chatFormat(base),
    chat: { template: chatTemplate, tokens, turns },
    thinks: entry?.thinks ?? chatTemplate.includes('<think>')
  };
}

/** What the check found: enough to show the size and ask before downloading. */
export interface HubCheck {
  id: string;
  label: string;
  commit: string;
  modelType: string;
  contextTokens: number | null;
  device: Device;
  dtype: Dtype;
  totalBytes: number;
  /** Bytes not yet in the cache: what the download will really fetch. */
  missingBytes: number;
  chat: boolean;
  thinks: boolean;
  /** Counted from the repo's config.json; null for an architecture the count does not know. */
  parameters: number | null;
  notices: string[];
}
