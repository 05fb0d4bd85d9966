"""Weight quantization of the exported model with the onnx library alone (no onnxruntime for Python here).

q8: every MatMul with a constant weight becomes DynamicQuantizeLinear + MatMulInteger with int8 weights,
    symmetric per output channel (onnxruntime-web runs this at about fp32 speed, a quarter of the size).
q4: every such MatMul becomes com.microsoft MatMulNBits, 4-bit, symmetric per block along K, each block's scale
    chosen by a search for the least squared error rather than from the block's largest weight.
Usage: /usr/bin/python3 models/recipe/quantize.py --model .work/export/onnx/model.onnx --kind q8|q4 [--block 16]
"""
import argparse
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

p = argparse.ArgumentParser()
p.add_argument('--model', required=True)
p.add_argument('--kind', choices=['q8', 'q4'], required=True)
p.add_argument('--block', type=int, default=16)
p.add_argument('--out')
args = p.parse_args()

m = onnx.load(args.model)
g = m.graph
inits = {t.name: t for t in g.initializer}
consumers = {}
for n in g.node:
    for i in n.input:
        consumers[i] = consumers.get(i, 0) + 1


def const_weight(node):
    if node.op_type != 'MatMul' or node.input[1] not in inits:
        return None
    w = numpy_helper.to_array(inits[node.input[1]])
    return w if w.ndim == 2 and w.dtype == np.float32 else None


def q8_nodes(node, w, new_inits):
    """W [K, N] -> int8 per column; y = (MatMulInteger(qA, qW) as float) * (scale_a * scale_w)."""
    base = node.name.replace('/', '_') or node.output[0]
    scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
    qw = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    new_inits += [numpy_helper.from_array(qw, base + '_W_q8'), numpy_helper.from_array(scale.astype(np.float32), base + '_W_scale')]
    a = node.input[0]
    return [
        helper.make_node('DynamicQuantizeLinear', [a], [base + '_A_q', base + '_A_scale', base + '_A_zp'], name=base + '_dql'),
        helper.make_node('MatMulInteger', [base + '_A_q', base + '_W_q8', base + '_A_zp'], [base + '_int32'], name=base + '_mmi'),
        helper.make_node('Cast', [base + '_int32'], [base + '_f32'], to=TensorProto.FLOAT, name=base + '_cast'),
        helper.make_node('Mul', [base + '_A_scale', base + '_W_scale'], [base + '_scale'], name=base + '_scale_mul'),
        helper.make_node('Mul', [base + '_f32', base + '_scale'], [node.output[0]], name=base + '_out_mul'),
    ]


def best_scales(blocks, absmax_scale):
    # With only 16 levels, clipping the largest weight a little often costs less than coarsening every other one.
    best, best_err = absmax_scale, None
    for f in np.linspace(0.6, 1.15, 23):
        s = absmax_scale * f
        err = ((np.clip(np.round(blocks / s[:, :, None]), -8, 7) * s[:, :, None] - blocks) ** 2).sum(axis=2)
        if best_err is None:
            best, best_err = s.copy(), err
        else:
            better = err < best_err
            best = np.where(better, s, best)
            best_err = np.where(better, err, best_err)
    return best


def q4_nodes(node, w, new_inits):
    """W [K, N] -> MatMulNBits: B uint8 [N, k_blocks, block/2] (even k in the low nibble), scales [N * k_blocks]."""
    base = node.name.replace('/', '_') or node.output[0]
    K, N = w.shape
    bs = args.block
    kb = (K + bs - 1) // bs
    wt = np.zeros((N, kb * bs), dtype=np.float32)
    wt[:, :K] = w.T
    blocks = wt.reshape(N, kb, bs)
    scale = best_scales(blocks, np.maximum(np.abs(blocks).max(axis=2), 1e-8) / 7.0)
    q = (np.clip(np.round(blocks / scale[:, :, None]), -8, 7) + 8).astype(np.uint8)
    packed = (q[:, :, 0::2] | (q[:, :, 1::2] << 4)).astype(np.uint8)
    new_inits += [numpy_helper.from_array(packed, base + '_B_q4'),
                  numpy_helper.from_array(scale.reshape(-1).astype(np.float32), base + '_B_scales')]
    return [helper.make_node('MatMulNBits', [node.input[0], base + '_B_q4', base + '_B_scales'], [node.output[0]],
                             name=base + '_mmnb', domain='com.microsoft', K=K, N=N, bits=4, block_size=bs)]


new_nodes, new_inits, replaced = [], [], set()
count = 0
for node in g.node:
    w = const_weight(node)
    if w is None:
        new_nodes.append(node)
        continue
    new_nodes += q8_nodes(node, w, new_inits) if args.kind == 'q8' else q4_nodes(node, w, new_inits)
    if consumers.get(node.input[1], 0) == 1:
        replaced.add(node.input[1])
    count += 1

del g.node[:]
g.node.extend(new_nodes)
kept = [t for t in g.initializer if t.name not in replaced]
del g.initializer[:]
g.initializer.extend(kept + new_inits)
if args.kind == 'q4' and not any(o.domain == 'com.microsoft' for o in m.opset_import):
    m.opset_import.append(helper.make_opsetid('com.microsoft', 1))
if args.kind == 'q8':
    onnx.checker.check_model(m)
names = {'q8': 'model_quantized.onnx', 'q4': 'model_q4.onnx'}
out = args.out or os.path.join(os.path.dirname(args.model), names[args.kind])
onnx.save(m, out)
print(f'{args.kind}: {count} MatMuls quantized -> {out} ({os.path.getsize(out)} bytes)')
