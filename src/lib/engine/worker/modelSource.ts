import type { env as transformersEnv } from '@huggingface/transformers';
import type { Dtype, ModelRef } from '../../core/types.ts';
import { dtypeFile } from '../shared/device.ts';
import { ModelFiles, fetchModelFiles } from '../shared/integrity.ts';
import { modelFileUrl } from '../shared/modelUrl.ts';

/** The settings of transformers.js's `env` that say where model files come from. */
type Env = Pick<
  typeof transformersEnv,
  'allowRemoteModels' | 'allowLocalModels' | 'localModelPath' | 'remoteHost' | 'remotePathTemplate'
>;

/** The model's manifest: a bundled model's manifest.json, a Hub model's file list as the page fetched it. */
export async function modelFilesOf(model: ModelRef): Promise<ModelFiles> {
  switch (model.source) {
    case 'bundled':
      return fetchModelFiles(modelFileUrl(model, ''));
    case 'hub':
      return new ModelFiles(model.manifest, new URL(modelFileUrl(model, '')).pathname);
  }
}

/** A Hub model's dtypes are the ones its file list holds; nothing is asked of the network. */
export function hubDtypes(model: ModelRef): Dtype[] | null {
  if (model.source !== 'hub') return null;
  return model.dtypes.filter((d) => Object.hasOwn(model.manifest.files, `onnx/${dtypeFile(d)}`));
}

/**
 * Where transformers.js looks for the files: the app's own `/models/` folder, or the Hub (whose files
 * the page has already put in the model cache, so nothing is downloaded twice).
 */
export function pointAt(env: Env, model: ModelRef): { revision?: string } {
  switch (model.source) {
    case 'bundled':
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      // A path, not a full URL: transformers.js skips its local-file check for anything that parses as http(s).
      env.localModelPath = new URL(model.baseUrl).pathname;
      return {};
    case 'hub':
      env.allowRemoteModels = true;
      env.allowLocalModels = false;
      env.remoteHost = model.baseUrl;
      env.remotePathTemplate = '{model}/resolve/{revision}/';
      return { revision: model.revision };
  }
}

/** Chat prompts carry their own BOS from the template; a Q/A prompt gets the tokenizer's. */
export function addSpecialTokens(model: ModelRef): boolean {
  return !(model.source === 'hub' && model.chat);
}
