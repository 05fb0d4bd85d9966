"""Resize a checkpoint for continued training: fewer key/value heads (grouped-query attention), a wider MLP, more
layers.

Why: in onnxruntime-web every decode step copies the whole KV cache into the WASM heap and back, so a long prompt
decodes at half the speed of a short one. Sharing one key/value head among all query heads makes that cache 5x
smaller. Key and value projections of each group are mean-pooled (Ainslie et al., "GQA", 2023) and the model is then
trained on; the parameters freed from them go to the MLP, whose new units start silent (zero down-projection) so the
rest of the network computes what it did before. New layers go in between the old ones, evenly, and start as the
identity (zero output projections, as in Net2Net's deeper networks): the grown model first computes what the old one
did and then learns with the extra depth.
Usage: /usr/bin/python3 models/recipe/resize.py --ckpt IN.pt --out OUT.pt --kv-heads 1 --ffn 512 [--layers 12]
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
p.add_argument('--layers', type=int, default=0, help='layers after resizing (0 = as many as before)')
p.add_argument('--seed', type=int, default=1)
args = p.parse_args()
torch.manual_seed(args.seed)

ck = torch.load(args.ckpt, map_location='cpu')
old = LlamaConfig(**ck['config'])
layers = args.layers or old.num_hidden_layers
if old.num_key_value_heads % args.kv_heads or args.ffn < old.intermediate_size or layers < old.num_hidden_layers:
    raise SystemExit(f'cannot resize {old.num_key_value_heads} kv heads to {args.kv_heads}, shrink the MLP from '
                     f'{old.intermediate_size} to {args.ffn} or the layers from {old.num_hidden_layers} to {layers}')
new = LlamaConfig(**{**ck['config'], 'num_key_value_heads': args.kv_heads, 'intermediate_size': args.ffn,
                     'num_hidden_layers': layers})
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


def slots(n_old, n_new):
    """Which old layer each new one is (None: a new layer), new ones spread evenly, the last after the last old one."""
    out = []
    for i in range(n_old):
        out.append(i)
        out += [None] * ((i + 1) * (n_new - n_old) // n_old - out.count(None))
    return out


def renamed(name, old_of):
    """The old checkpoint's name for a new model's parameter, or None for a parameter of a new layer."""
    if not name.startswith('layers.'):
        return name
    index, rest = name.split('.', 2)[1:]
    was = old_of[int(index)]
    return None if was is None else f'layers.{was}.{rest}'


model = Llama(new)
old_of = slots(old.num_hidden_layers, layers)
fresh = model.state_dict()
weights = {}
for name, t in fresh.items():
    was = renamed(name, old_of)
    if was is not None:
        weights[name] = resize(was, ck['model'][was], lambda s: torch.randn(s) * 0.02)
    elif name.endswith(('o_proj.weight', 'down_proj.weight')):
        weights[name] = torch.zeros_like(t)
    else:
        weights[name] = t
model.load_state_dict(weights)

# The optimizer's state is kept by parameter index (model.optimizer_groups' order): old parameters keep theirs under
# their new index, resized; a new layer's start from nothing (step 0, so Adam's bias correction treats them as new).
decay, no_decay = optimizer_groups(model)
old_decay, old_no_decay = optimizer_groups(Llama(old))
old_index = {n: i for i, (n, _) in enumerate(old_decay + old_no_decay)}
opt = ck['opt']
state = {}
for i, (name, param) in enumerate(decay + no_decay):
    was = renamed(name, old_of)
    if was is None:
        state[i] = {'step': torch.tensor(0.), 'exp_avg': torch.zeros_like(param), 'exp_avg_sq': torch.zeros_like(param)}
        continue
    s = dict(opt['state'][old_index[was]])
    for key in ('exp_avg', 'exp_avg_sq'):
        s[key] = resize(was, s[key], torch.zeros)
    state[i] = s
opt['state'] = state
opt['param_groups'][0]['params'] = list(range(len(decay)))
opt['param_groups'][1]['params'] = list(range(len(decay), len(decay) + len(no_decay)))

torch.save({'model': model.state_dict(), 'opt': opt, 'step': ck['step'], 'elapsed': ck['elapsed'],
            'config': new.to_dict(), 'args': {**ck['args'], 'ffn': args.ffn, 'kv_heads': args.kv_heads, 'layers': layers}},
           args.out)
print(json.dumps({'out': args.out, 'params': sum(p.numel() for p in model.parameters()),
                  'kv_per_token': 2 * new.num_hidden_layers * new.num_key_value_heads * hd,
                  'kv_per_token_before': 2 * old.num_hidden_layers * old.num_key_value_heads * hd}))
