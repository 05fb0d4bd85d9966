"""Write a checkpoint's weights alone, in fp16, for the repository: a sixth of the size of weights with AdamW's
moments, and enough to export or to continue training (train.py --init-from starts fresh moments from it)."""
import argparse

import torch

p = argparse.ArgumentParser()
p.add_argument('--ckpt', required=True)
p.add_argument('--out', required=True)
args = p.parse_args()

ck = torch.load(args.ckpt, map_location='cpu')
weights = {k: v.half() if v.is_floating_point() else v for k, v in ck['model'].items()}
torch.save({'model': weights, 'step': ck['step'], 'elapsed': ck['elapsed'], 'config': ck['config'], 'args': ck['args']},
           args.out)
