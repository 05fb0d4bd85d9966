"""Train the student from scratch on the token ids written by build-data.ts.

Runs on CPU (bf16 autocast, 2 threads) and uses CUDA when present. Checkpoints and resumes; logs JSON lines.
Usage: /usr/bin/python3 models/recipe/train.py --data .work/data --out .work/run --steps 6000
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from model import Llama, LlamaConfig, optimizer_groups

p = argparse.ArgumentParser()
p.add_argument('--data', required=True,
               help='a corpus folder, or several joined by commas (one tokenizer): windows are drawn from all of them, '
                    'validation from the first')
p.add_argument('--out', required=True)
p.add_argument('--steps', type=int, default=6000)
p.add_argument('--seq', type=int, default=512)
p.add_argument('--batch', type=int, default=8)
p.add_argument('--lr', type=float, default=2e-3)
p.add_argument('--warmup', type=int, default=200)
p.add_argument('--hidden', type=int, default=160)
p.add_argument('--layers', type=int, default=8)
p.add_argument('--heads', type=int, default=5)
p.add_argument('--ffn', type=int, default=432)
p.add_argument('--kv-heads', type=int, default=0, help='key/value heads (grouped-query attention); 0 = --heads')
p.add_argument('--seed', type=int, default=1)
p.add_argument('--eval-every', type=int, default=250)
p.add_argument('--budget-minutes', type=float, default=0,
               help='train for this much wall time (the schedule follows time, so CPU contention cannot cut the decay short); 0 = --steps')
p.add_argument('--stop-minutes', type=float, default=0,
               help='end (and checkpoint) once this much wall time is spent, mid-schedule: a later run resumes the '
                    'same schedule from the checkpoint, on another corpus if it likes; 0 = run the whole schedule')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--init-from', default='',
               help='start from this checkpoint\'s weights (and optimizer state, where it has one), on a fresh schedule')
args = p.parse_args()

os.makedirs(args.out, exist_ok=True)
device = 'cuda' if torch.cuda.is_available() else 'cpu'
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
rng = np.random.default_rng(args.seed)

dirs = args.data.split(',')
stats = json.load(open(os.path.join(dirs[0], 'stats.json')))
tokenizers = {open(os.path.join(d, 'tokenizer.json'), 'rb').read() for d in dirs}
if len(tokenizers) > 1:
    raise SystemExit(f'{args.data}: the corpora were encoded with different tokenizers')


def load_mask(d, name, data):
    # 1 where a token is a training target (completions); without a mask file every token is one.
    path = os.path.join(d, name + '.mask.bin')
    return np.memmap(path, dtype=np.uint8, mode='r') if os.path.exists(path) else np.ones(len(data), dtype=np.uint8)


def load(d, name):
    data = np.memmap(os.path.join(d, name + '.bin'), dtype=np.uint16, mode='r')
    return data, load_mask(d, name, data)


val, val_mask = load(dirs[0], 'val')
parts = [load(d, 'train') for d in dirs]
# One corpus stays memory-mapped; several (a GPU run, where one is a few minutes' tokens) are read in end to end.
train, train_mask = parts[0]
if len(parts) > 1:
    train, train_mask = np.concatenate([d for d, _ in parts]), np.concatenate([m for _, m in parts])
BOS = 1
# Windows start at a document start, so every short document is seen whole from position 0, as at inference.
train_starts = np.flatnonzero(np.asarray(train) == BOS)
train_starts = train_starts[train_starts + args.seq + 1 <= len(train)]
val_starts = np.flatnonzero(np.asarray(val) == BOS)
val_starts = val_starts[val_starts + args.seq + 1 <= len(val)]

config = LlamaConfig(vocab_size=stats['vocab'], hidden_size=args.hidden, num_hidden_layers=args.layers,
                     num_attention_heads=args.heads, num_key_value_heads=args.kv_heads or args.heads,
                     intermediate_size=args.ffn)
model = Llama(config).to(device)
n_params = sum(p.numel() for p in model.parameters())
decay, no_decay = ([p for _, p in group] for group in optimizer_groups(model))
opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1}, {'params': no_decay, 'weight_decay': 0.0}],
                        lr=args.lr, betas=(0.9, 0.95))

ckpt_path = os.path.join(args.out, 'ckpt.pt')
step, elapsed = 0, 0.0
if args.init_from and not os.path.exists(ckpt_path):
    ck = torch.load(args.init_from, map_location=device)
    model.load_state_dict(ck['model'])
    # A slim checkpoint (slim.py) carries weights only, to keep the repository small: the moments start afresh.
    if 'opt' in ck:
        opt.load_state_dict(ck['opt'])
if os.path.exists(ckpt_path):
    ck = torch.load(ckpt_path, map_location=device)
    model.load_state_dict(ck['model'])
    opt.load_state_dict(ck['opt'])
    step, elapsed = ck['step'], ck['elapsed']
    rng = np.random.default_rng(args.seed + step)


def batch(data, mask, starts, n):
    idx = rng.choice(starts, size=n)
    x = np.stack([np.asarray(data[i:i + args.seq + 1], dtype=np.int64) for i in idx])
    m = np.stack([np.asarray(mask[i + 1:i + args.seq + 1], dtype=np.float32) for i in idx])
    x = torch.from_numpy(x).to(device)
    return x[:, :-1], x[:, 1:], torch.from_numpy(m).to(device)


def masked_loss(logits, y, m):
    ce = F.cross_entropy(logits.float().reshape(-1, logits.size(-1)), y.reshape(-1), reduction='none')
    return (ce * m.reshape(-1)).sum() / m.sum().clamp(min=1)


def autocast():
    return torch.autocast(device_type=device, dtype=torch.bfloat16)


def progress(s):
    if args.budget_minutes:
        return min(1.0, elapsed / (args.budget_minutes * 60))
    return min(1.0, (s - args.warmup) / max(1, args.steps - args.warmup))


def lr_at(s):
    if s < args.warmup:
        return args.lr * (s + 1) / args.warmup
    t = progress(s)
    return args.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t)))


@torch.no_grad()
def val_loss(n_batches=8):
    model.eval()
    eval_rng_state = rng.bit_generator.state
    losses = []
    for _ in range(n_batches):
        x, y, m = batch(val, val_mask, val_starts, args.batch)
        with autocast():
            logits, _ = model(x)
        losses.append(masked_loss(logits, y, m).item())
    rng.bit_generator.state = eval_rng_state
    model.train()
    return sum(losses) / len(losses)


def save():
    tmp = ckpt_path + '.tmp'
    torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'step': step, 'elapsed': elapsed,
                'config': config.to_dict(), 'args': vars(args)}, tmp)
    os.replace(tmp, ckpt_path)


log = open(os.path.join(args.out, 'log.jsonl'), 'a')
header = {'params': n_params, 'device': device, 'config': config.to_dict(), 'resume_step': step,
          'init_from': args.init_from, 'masked_share': round(float(np.mean(train_mask[:1_000_000])), 3)}
log.write(json.dumps(header) + '\n')
print(json.dumps(header), flush=True)
model.train()
t_last = time.time()
tokens_since = 0
def stopping_early():
    return args.stop_minutes > 0 and elapsed >= args.stop_minutes * 60


while ((progress(step) < 1.0) if args.budget_minutes else (step < args.steps)) and not stopping_early():
    for g in opt.param_groups:
        g['lr'] = lr_at(step)
    x, y, m = batch(train, train_mask, train_starts, args.batch)
    with autocast():
        logits, _ = model(x)
    loss = masked_loss(logits, y, m)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    step += 1
    tokens_since += x.numel()
    if step % 25 == 0 or step == args.steps:
        now = time.time()
        elapsed += now - t_last
        rec = {'step': step, 'loss': round(loss.item(), 4), 'lr': round(lr_at(step), 6),
               'tok_per_sec': round(tokens_since / (now - t_last)), 'elapsed_s': round(elapsed),
               'tokens_seen': step * args.batch * args.seq}
        t_last, tokens_since = now, 0
        if step % args.eval_every == 0 or step == args.steps:
            rec['val_loss'] = round(val_loss(), 4)
            save()
        log.write(json.dumps(rec) + '\n')
        log.flush()
        print(json.dumps(rec), flush=True)
save()
