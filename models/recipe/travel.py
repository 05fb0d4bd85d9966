"""Pack corpora written by build-data.ts small enough to travel to a lent GPU machine, and unpack them there.

The device run takes the working tree and at most 64 MiB in all, and that machine has no Node to build corpora
itself. Token ids are below 1,024 and repeat a great deal, so LZMA shrinks train.bin about sixfold; the mask is
bits (one per token) before compression. About 11 MB a 200,000-document corpus.
  /usr/bin/python3 models/recipe/travel.py pack --out .travel .work/data17 .work/data18
  python3 models/recipe/travel.py unpack --src .travel --out /tmp/corpora
"""
import argparse
import lzma
import os
import shutil

import numpy as np

SMALL = ['stats.json', 'tokenizer.json', 'tokenizer_config.json', 'prompts.json', 'val.bin', 'val.mask.bin']


def copy_small(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in SMALL:
        if os.path.exists(os.path.join(src, name)):
            shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))


def pack(src, dst):
    copy_small(src, dst)
    with open(os.path.join(src, 'train.bin'), 'rb') as f, lzma.open(os.path.join(dst, 'train.bin.xz'), 'wb') as o:
        shutil.copyfileobj(f, o, 1 << 24)
    mask = np.fromfile(os.path.join(src, 'train.mask.bin'), dtype=np.uint8)
    if mask.max(initial=0) > 1:
        raise SystemExit(f'{src}: train.mask.bin holds values other than 0 and 1')
    with lzma.open(os.path.join(dst, 'train.mask.bits.xz'), 'wb') as o:
        o.write(len(mask).to_bytes(8, 'little'))
        o.write(np.packbits(mask).tobytes())


def unpack(src, dst):
    copy_small(src, dst)
    with lzma.open(os.path.join(src, 'train.bin.xz'), 'rb') as f, open(os.path.join(dst, 'train.bin'), 'wb') as o:
        shutil.copyfileobj(f, o, 1 << 24)
    with lzma.open(os.path.join(src, 'train.mask.bits.xz'), 'rb') as f:
        n = int.from_bytes(f.read(8), 'little')
        bits = np.frombuffer(f.read(), dtype=np.uint8)
    np.unpackbits(bits, count=n).tofile(os.path.join(dst, 'train.mask.bin'))


p = argparse.ArgumentParser()
sub = p.add_subparsers(dest='cmd', required=True)
pk = sub.add_parser('pack', help='each corpus folder into a folder of the same name under --out')
pk.add_argument('--out', required=True)
pk.add_argument('data', nargs='+')
up = sub.add_parser('unpack', help='each packed folder under --src into a corpus folder under --out')
up.add_argument('--src', required=True)
up.add_argument('--out', required=True)
args = p.parse_args()

if args.cmd == 'pack':
    for d in args.data:
        pack(d, os.path.join(args.out, os.path.basename(os.path.normpath(d))))
else:
    for name in sorted(os.listdir(args.src)):
        if os.path.exists(os.path.join(args.src, name, 'train.bin.xz')):
            unpack(os.path.join(args.src, name), os.path.join(args.out, name))
