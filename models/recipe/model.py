"""A small Llama (RMSNorm, RoPE, SwiGLU, no biases) whose forward is also the ONNX export graph."""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class LlamaConfig:
    vocab_size: int = 1024
    hidden_size: int = 160
    num_hidden_layers: int = 8
    num_attention_heads: int = 5
    num_key_value_heads: int = 5
    intermediate_size: int = 432
    max_position_embeddings: int = 1024
    rope_theta: float = 10000.0
    rms_norm_eps: float = 1e-5

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_attention_heads

    def to_dict(self):
        return asdict(self)


def optimizer_groups(model):
    """(name, parameter) pairs with weight decay (matrices) and without, in the order the optimizer's state is kept."""
    named = list(model.named_parameters())
    return [x for x in named if x[1].dim() >= 2], [x for x in named if x[1].dim() < 2]


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        dtype = x.dtype
        x = x.float()
        x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x.to(dtype)


def rope(position_ids, head_dim, theta):
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32, device=position_ids.device) / head_dim))
    freqs = position_ids.float()[..., None] * inv_freq  # [b, s, d/2]
    emb = torch.cat([freqs, freqs], dim=-1)
    return emb.cos()[:, None, :, :], emb.sin()[:, None, :, :]  # [b, 1, s, d]


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


class Attention(nn.Module):
    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.c = c
        hd = c.head_dim
        self.q_proj = nn.Linear(c.hidden_size, c.num_attention_heads * hd, bias=False)
        self.k_proj = nn.Linear(c.hidden_size, c.num_key_value_heads * hd, bias=False)
        self.v_proj = nn.Linear(c.hidden_size, c.num_key_value_heads * hd, bias=False)
        self.o_proj = nn.Linear(c.num_attention_heads * hd, c.hidden_size, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        b, s, _ = x.shape
        c = self.c
        hd = c.head_dim
        q = self.q_proj(x).view(b, s, c.num_attention_heads, hd).transpose(1, 2)
        k = self.k_proj(x).view(b, s, c.num_key_value_heads, hd).transpose(1, 2)
        v = self.v_proj(x).view(b, s, c.num_key_value_heads, hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        present = (k, v)
        kv = c.num_key_value_heads
        rep = c.num_attention_heads // kv
        # Query heads grouped per key/value head, [b, kv, rep, s, hd], so MatMul broadcasts the shared keys and values
        # instead of copying them once per query head (repeat_interleave also exports wrongly with a dynamic cache).
        q = q.reshape(b, kv, rep, s, hd)
        att = (q @ k[:, :, None].transpose(-1, -2)) / math.sqrt(hd) + mask[:, :, None]
        att = F.softmax(att.float(), dim=-1).to(q.dtype)
        y = (att @ v[:, :, None]).reshape(b, c.num_attention_heads, s, hd)
        y = y.transpose(1, 2).reshape(b, s, c.num_attention_heads * hd)
        return self.o_proj(y), present


class MLP(nn.Module):
    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.gate_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.up_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.down_proj = nn.Linear(c.intermediate_size, c.hidden_size, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.input_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.mlp = MLP(c)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        h, present = self.self_attn(self.input_layernorm(x), cos, sin, mask, past_k, past_v)
        x = x + h
        return x + self.mlp(self.post_attention_layernorm(x)), present


class Llama(nn.Module):
    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.config = c
        self.embed_tokens = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList([Block(c) for _ in range(c.num_hidden_layers)])
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.lm_head = nn.Linear(c.hidden_size, c.vocab_size, bias=False)
        self.apply(self._init)
        for layer in self.layers:
            # Scaled init of residual outputs keeps deep, tiny models stable at high learning rates.
            std = 0.02 / math.sqrt(2 * c.num_hidden_layers)
            nn.init.normal_(layer.self_attn.o_proj.weight, std=std)
            nn.init.normal_(layer.mlp.down_proj.weight, std=std)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)

    def forward(self, input_ids, attention_mask=None, position_ids=None, past=None):
        """past: list of (k, v) per layer or None. Returns logits and the presents."""
        b, s = input_ids.shape
        past_len = 0 if past is None else past[0][0].shape[2]
        total = past_len + s
        device = input_ids.device
        if position_ids is None:
            position_ids = torch.arange(past_len, total, device=device)[None, :].expand(b, s)
        # Built from traced shapes, so one exported graph serves every prompt and cache length.
        q_pos = torch.arange(s, device=device)[:, None] + past_len
        k_pos = torch.arange(total, device=device)[None, :]
        allowed = (k_pos <= q_pos)[None, None, :, :]
        if attention_mask is not None:
            allowed = allowed & (attention_mask[:, None, None, :] > 0)
        mask = (~allowed).float() * -1e9
        cos, sin = rope(position_ids, self.config.head_dim, self.config.rope_theta)
        x = self.embed_tokens(input_ids)
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = (None, None) if past is None else past[i]
            x, present = layer(x, cos, sin, mask, pk, pv)
            presents.append(present)
        return self.lm_head(self.norm(x)), presents
