import type { env as transformersEnv } from '@huggingface/transformers';
import { ModelFiles, fetchModelFiles } from './integrity.ts';
import { dtypeFile } from './device.ts';
import { modelFileUrl } from './model.ts';
import type { Dtype, ModelRef } from './protocol.ts';

/** The settings of transformers.js's `env` that say where model files come from. */
type Env = Pick<
  typeof transformersEnv,
  'allowRemoteModels' | 'allowLocalModels' | 'localModelPath' | 'remoteHost' | 'remotePathTemplate'
>;

/** The model's manifest: a bundled model's manifest.json, a Hub model's file list as the page fetched it. */
export async function modelFilesOf(model: ModelRef): Promise<ModelFiles> {
  if (model.hub === undefined) return fetchModelFiles(modelFileUrl(model, ''));
  return new ModelFiles(model.hub.manifest, new URL(modelFileUrl(model, '')).pathname);
}

/** A Hub model's dtypes are the ones its file list holds; nothing is asked of the network. */
export function hubDtypes(model: ModelRef): Dtype[] | null {
  const hub = model.hub;
  if (hub === undefined) return null;
  return model.dtypes.filter((d) => Object.hasOwn(hub.manifest.files, `onnx/${dtypeFile(d)}`));
}

/**
 * Where transformers.js looks for the files: the app's own `/models/` folder, or the Hub (whose files
 * the page has already put in the model cache, so nothing is downloaded twice).
 */
export function pointAt(env: Env, model: ModelRef): { revision?: string } {
  if (model.hub === undefined) {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    // A path, not a full URL: transformers.js skips its local-file check for anything that parses as http(s).
    env.localModelPath = new URL(model.baseUrl).pathname;
    return {};
  }
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.remoteHost = model.baseUrl;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  return { revision: model.hub.revision };
}

/** Chat prompts carry their own BOS from the template; a Q/A prompt gets the tokenizer's. */
export function addSpecialTokens(model: ModelRef): boolean {
  return model.hub?.chat !== true;
}
