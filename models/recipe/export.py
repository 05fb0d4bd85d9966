"""Export a checkpoint to ONNX in transformers.js's decoder layout, with config files and a PyTorch reference.

Usage: /usr/bin/python3 models/recipe/export.py --ckpt .work/run/ckpt.pt --data .work/data --out .work/export
"""
import argparse
import json
import os
import shutil

import numpy as np
import torch

from model import Llama, LlamaConfig

p = argparse.ArgumentParser()
p.add_argument('--ckpt', required=True)
p.add_argument('--data', required=True, help='folder with tokenizer.json, tokenizer_config.json, prompts.json')
p.add_argument('--out', required=True)
p.add_argument('--opset', type=int, default=14)
args = p.parse_args()

os.makedirs(os.path.join(args.out, 'onnx'), exist_ok=True)
ck = torch.load(args.ckpt, map_location='cpu')
config = LlamaConfig(**ck['config'])
model = Llama(config)
model.load_state_dict(ck['model'])
model.eval()
L = config.num_hidden_layers


class Decoder(torch.nn.Module):
    """Flat inputs and outputs with the names transformers.js feeds and reads."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(L)]
        logits, presents = self.m(input_ids, attention_mask, position_ids, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


past_len, seq = 3, 4
kv_shape = (1, config.num_key_value_heads, past_len, config.head_dim)
dummy = (
    torch.randint(3, config.vocab_size, (1, seq)),
    torch.ones(1, past_len + seq, dtype=torch.int64),
    torch.arange(past_len, past_len + seq)[None, :],
    *[torch.randn(kv_shape) for _ in range(2 * L)],
)
input_names = ['input_ids', 'attention_mask', 'position_ids']
output_names = ['logits']
dynamic_axes = {
    'input_ids': {0: 'batch_size', 1: 'sequence_length'},
    'attention_mask': {0: 'batch_size', 1: 'total_sequence_length'},
    'position_ids': {0: 'batch_size', 1: 'sequence_length'},
    'logits': {0: 'batch_size', 1: 'sequence_length'},
}
for i in range(L):
    for kind in ('key', 'value'):
        input_names.append(f'past_key_values.{i}.{kind}')
        output_names.append(f'present.{i}.{kind}')
        dynamic_axes[f'past_key_values.{i}.{kind}'] = {0: 'batch_size', 2: 'past_sequence_length'}
        dynamic_axes[f'present.{i}.{kind}'] = {0: 'batch_size', 2: 'total_sequence_length'}

onnx_path = os.path.join(args.out, 'onnx', 'model.onnx')
with torch.no_grad():
    torch.onnx.export(Decoder(model), dummy, onnx_path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=args.opset, do_constant_folding=True)

for name in ('tokenizer.json', 'tokenizer_config.json', 'prompts.json'):
    shutil.copy(os.path.join(args.data, name), os.path.join(args.out, name))

hf_config = {
    'architectures': ['LlamaForCausalLM'],
    'model_type': 'llama',
    'vocab_size': config.vocab_size,
    'hidden_size': config.hidden_size,
    'intermediate_size': config.intermediate_size,
    'num_hidden_layers': L,
    'num_attention_heads': config.num_attention_heads,
    'num_key_value_heads': config.num_key_value_heads,
    'head_dim': config.head_dim,
    'hidden_act': 'silu',
    'max_position_embeddings': config.max_position_embeddings,
    'rms_norm_eps': config.rms_norm_eps,
    'rope_theta': config.rope_theta,
    'tie_word_embeddings': False,
    'attention_bias': False,
    'bos_token_id': 1,
    'eos_token_id': 2,
    'pad_token_id': 0,
    'torch_dtype': 'float32',
    'transformers.js_config': {'dtype': 'q8'},
}
json.dump(hf_config, open(os.path.join(args.out, 'config.json'), 'w'), indent=2)
json.dump({'bos_token_id': 1, 'eos_token_id': 2, 'pad_token_id': 0, 'do_sample': False, 'max_new_tokens': 256},
          open(os.path.join(args.out, 'generation_config.json'), 'w'), indent=2)

# Reference for the JS side: greedy ids and last-position logits from PyTorch fp32, on prompts encoded in JS.
ref_in = os.path.join(args.data, 'reference-prompts.json')
if os.path.exists(ref_in):
    refs = []
    for item in json.load(open(ref_in)):
        ids = torch.tensor([item['ids']])
        out_ids, margins = [], []
        with torch.no_grad():
            logits, past = model(ids)
            first_logits = logits[0, -1].tolist()
            pos = ids.shape[1]
            for _ in range(item.get('max_new_tokens', 48)):
                top2 = logits[0, -1].topk(2).values
                # How clear each greedy choice is: where it is a near tie, quantized files may rightly differ.
                margins.append(round(float(top2[0] - top2[1]), 4))
                nxt = int(logits[0, -1].argmax())
                out_ids.append(nxt)
                if nxt == 2:
                    break
                logits, past = model(torch.tensor([[nxt]]), None, torch.tensor([[pos]]), past)
                pos += 1
        refs.append({'prompt': item['prompt'], 'ids': item['ids'], 'greedy': out_ids, 'margins': margins,
                     'first_logits': [round(x, 5) for x in first_logits]})
    json.dump(refs, open(os.path.join(args.out, 'reference.json'), 'w'))
print(json.dumps({'onnx': onnx_path, 'bytes': os.path.getsize(onnx_path), 'params': sum(p.numel() for p in model.parameters())}))
