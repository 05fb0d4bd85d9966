"""Times one training step of the student, bf16 autocast against fp32, on this machine's BLAS.
Usage: /usr/bin/python3 models/recipe/bench_train.py [--hidden 160 --layers 8 --ffn 432 --vocab 1024]
Prints tokens/s for each precision (best of a few steps after a warm-up) and the BLAS torch is linked to."""
import argparse
import os
import time

import torch
import torch.nn.functional as F

from model import Llama, LlamaConfig

p = argparse.ArgumentParser()
p.add_argument('--hidden', type=int, default=160)
p.add_argument('--layers', type=int, default=8)
p.add_argument('--heads', type=int, default=5)
p.add_argument('--ffn', type=int, default=432)
p.add_argument('--vocab', type=int, default=1024)
p.add_argument('--seq', type=int, default=512)
p.add_argument('--batch', type=int, default=8)
p.add_argument('--threads', type=int, default=2)
p.add_argument('--steps', type=int, default=4)
args = p.parse_args()
torch.set_num_threads(args.threads)
config = LlamaConfig(vocab_size=args.vocab, hidden_size=args.hidden, num_hidden_layers=args.layers,
                     num_attention_heads=args.heads, num_key_value_heads=args.heads, intermediate_size=args.ffn)
# Debian's torch calls the system BLAS, whichever library the alternatives system points libblas.so.3 at.
blas = os.path.realpath('/usr/lib/x86_64-linux-gnu/libblas.so.3')
print({'blas': blas, 'threads': args.threads})
for precision in ('bf16', 'fp32'):
    torch.manual_seed(0)
    model = Llama(config)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    x = torch.randint(0, args.vocab, (args.batch, args.seq + 1))
    best = 0.0
    for i in range(args.steps + 1):
        t = time.time()
        with torch.autocast(device_type='cpu', dtype=torch.bfloat16, enabled=precision == 'bf16'):
            logits, _ = model(x[:, :-1])
        loss = F.cross_entropy(logits.float().reshape(-1, args.vocab), x[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i > 0:
            best = max(best, args.batch * args.seq / (time.time() - t))
    print({'precision': precision, 'tok_per_sec': round(best)}, flush=True)
