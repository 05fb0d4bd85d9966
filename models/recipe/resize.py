"""Resize a checkpoint for continued training: fewer key/value heads (grouped-query attention) and a wider MLP.

Why: in onnxruntime-web every decode step copies the whole KV cache into the WASM heap and back, so a long prompt
decodes at half the speed of a short one. Sharing one key/value head among all query heads makes that cache 5x
smaller. Key and value projections of each group are mean-pooled (Ainslie et al., "GQA", 2023) and the model is then
trained on; the parameters freed from them go to the MLP, whose new units start silent (zero down-projection) so the
rest of the network computes what it did before.
Usage: /usr/bin/python3 models/recipe/resize.py --ckpt IN.pt --out OUT.pt --kv-heads 1 --ffn 512
"""
import argparse
import json

import torch

from model import Llama, LlamaConfig, optimizer_groups

p = argparse.ArgumentParser()
p.add_argument('--ckpt', required=True)
p.add_argument('--out', required=True)
p.add_argument('--kv-heads', type=int, required=True)
p.add_argument('--ffn', type=int, required=True)
p.add_argument('--seed', type=int, default=1)
args = p.parse_args()
torch.manual_seed(args.seed)

ck = torch.load(args.ckpt, map_location='cpu')
old = LlamaConfig(**ck['config'])
if old.num_key_value_heads % args.kv_heads or args.ffn < old.intermediate_size:
    raise SystemExit(f'cannot resize {old.num_key_value_heads} kv heads to {args.kv_heads}, '
                     f'or shrink the MLP from {old.intermediate_size} to {args.ffn}')
new = LlamaConfig(**{**ck['config'], 'num_key_value_heads': args.kv_heads, 'intermediate_size': args.ffn})
group = old.num_key_value_heads // args.kv_heads
hd = old.head_dim
extra = args.ffn - old.intermediate_size


def pool_heads(t):
    """[kv*hd, hidden] -> [kv/group*hd, hidden], each group's heads averaged."""
    return t.view(args.kv_heads, group, hd, -1).mean(1).reshape(args.kv_heads * hd, -1)


def resize(name, t, fill):
    """The same change for a weight and for each of its optimizer moments; fill() makes the new MLP units."""
    if name.endswith(('k_proj.weight', 'v_proj.weight')):
        return pool_heads(t)
    if name.endswith(('gate_proj.weight', 'up_proj.weight')):
        return torch.cat([t, fill((extra, t.shape[1]))], 0)
    if name.endswith('down_proj.weight'):
        return torch.cat([t, torch.zeros(t.shape[0], extra)], 1)
    return t


weights = {n: resize(n, t, lambda s: torch.randn(s) * 0.02) for n, t in ck['model'].items()}
model = Llama(new)
model.load_state_dict(weights)

# Resizing keeps every parameter's name and place, so the optimizer state's indices still name the same parameters.
decay, no_decay = optimizer_groups(model)
names = [n for n, _ in decay + no_decay]
opt = ck['opt']
for i, state in opt['state'].items():
    for key in ('exp_avg', 'exp_avg_sq'):
        state[key] = resize(names[i], state[key], torch.zeros)

torch.save({'model': model.state_dict(), 'opt': opt, 'step': ck['step'], 'elapsed': ck['elapsed'],
            'config': new.to_dict(), 'args': {**ck['args'], 'ffn': args.ffn, 'kv_heads': args.kv_heads}}, args.out)
print(json.dumps({'out': args.out, 'params': sum(p.numel() for p in model.parameters()),
                  'kv_per_token': 2 * new.num_hidden_layers * new.num_key_value_heads * hd,
                  'kv_per_token_before': 2 * old.num_hidden_layers * old.num_key_value_heads * hd}))
