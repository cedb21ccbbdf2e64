"""Files: .npy, .npz, safetensors and text files, checked against the real numpy and the real
`safetensors` package, in both directions and bit for bit.

- Slope writes, numpy reads: the same program runs under Slope and CPython (each in its own
  folder); every .npy and .safetensors file must be byte-identical, .npz members likewise.
- numpy writes, Slope reads: CPython writes files of every dtype and shape (C and Fortran order,
  big-endian, float16 safetensors), Slope loads each and saves it back; what it saved must be
  exactly the bytes numpy writes for the same (C-order, little-endian) array.
- Text files (open, loadtxt, savetxt, genfromtxt): one program under both, same stdout and files.
- Bad files: errors naming the path and what is wrong, never a panic.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

import oracle

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64"]
SHAPES = [(), (0,), (7,), (2, 3), (2, 0, 3), (3, 1, 2), (1, 12)]

# Values with every special case: signed zeros, inf, nan, a subnormal, extremes of each integer.
VALUES = {
    "bool": "[True, False, True, True, False, False, True, False, True, True, False, True]",
    "int32": "[0, 1, -1, 2147483647, -2147483648, 7, -7, 100, 12345678, -99, 3, 5]",
    "int64": "[0, 1, -1, 9223372036854775807, -9223372036854775807 - 1, 2147483648, -7, 100, 1234567890123, -99, 3, 5]",
    "int8": "[0, 1, -1, 127, -128, 7, -7, 100, 12, -99, 3, 5]",
    "int16": "[0, 1, -1, 32767, -32768, 7, -7, 100, 1234, -99, 3, 5]",
    "uint8": "[0, 1, 255, 128, 254, 7, 17, 100, 12, 99, 3, 5]",
    "uint16": "[0, 1, 65535, 32768, 65534, 7, 17, 100, 1234, 99, 3, 5]",
    "uint32": "[0, 1, 4294967295, 2147483648, 4294967294, 7, 17, 100, 12345678, 99, 3, 5]",
    "uint64": "[0, 1, 9223372036854775807, 2147483648, 4294967296, 7, 17, 100, 1234567890123, 99, 3, 5]",
    "float16": "[0.0, -0.0, 1.5, -2.25, float('inf'), -float('inf'), float('nan'), 6e-08, 65504.0, 0.1, 0.0001, 1234.5]",
    "float32": "[0.0, -0.0, 1.5, -2.25, float('inf'), -float('inf'), float('nan'), 1e-40, 3.4e38, 0.1, 1e-7, 12345.678]",
    "float64": "[0.0, -0.0, 1.5, -2.25, float('inf'), -float('inf'), float('nan'), 5e-324, 1.7e308, 0.1, 1e-300, 12345.678]",
}

WRITE_PROGRAM = '''
import numpy as np
try:
    import slope.safetensors as st
except ImportError:
    import safetensors.numpy as st

DTYPES = {dtypes!r}
SHAPES = {shapes!r}
VALUES = {{{values}}}

def make(dt, shape):
    n = 1
    for s in shape:
        n *= s
    vals = VALUES[dt]
    if shape == ():
        return np.array(vals[2], dtype=dt)
    return np.array(vals[:n], dtype=dt).reshape(shape)

everything = {{}}
tensors = {{}}
for dt in DTYPES:
    for k, shape in enumerate(SHAPES):
        a = make(dt, shape)
        name = dt + "_" + str(k)
        np.save(name + ".npy", a)
        everything[name] = a
        tensors[name] = a
np.save("no_suffix", make("float64", (2, 3)))
np.savez("all.npz", **everything)
np.savez_compressed("all_compressed.npz", **everything)
np.savez("positional", make("int64", (7,)), make("float32", (2, 3)))
st.save_file(tensors, "all.safetensors")
# One metadata key: safetensors keeps metadata in a hash map, so the order of several is random.
st.save_file({{"w": make("float32", (2, 3))}}, "meta.safetensors", metadata={{"format": "np"}})
st.save_file({{"w": make("float32", (2, 3))}}, "meta2.st", metadata={{"format": "np", "note": "slope"}})
print("written")
'''


def _write_program() -> str:
    values = ", ".join(f"{k!r}: {v}" for k, v in VALUES.items())
    return WRITE_PROGRAM.format(dtypes=DTYPES, shapes=SHAPES, values=values)


def _run_both(tmp_path: Path, program: str):
    """Run `program` under Slope and CPython, each in a folder of its own. Returns the folders
    and the runs."""
    out = []
    for side in ("slope", "python"):
        d = tmp_path / side
        d.mkdir()
        p = d / "prog.py"
        p.write_text(program)
        r = oracle.run([oracle.slope_bin() if side == "slope" else oracle.python_bin(), p], cwd=d)
        assert r.returncode == 0, f"{side} failed:\n{r.stdout}\n{r.stderr}"
        out.append((d, r))
    return out


def test_slope_writes_numpy_bytes(tmp_path):
    (sd, sr), (pd, pr) = _run_both(tmp_path, _write_program())
    assert sr.stdout == pr.stdout
    py_files = sorted(p.name for p in pd.iterdir() if p.name != "prog.py")
    sl_files = sorted(p.name for p in sd.iterdir() if p.name != "prog.py")
    assert sl_files == py_files
    assert "no_suffix.npy" in py_files and "positional.npz" in py_files
    for name in py_files:
        a, b = (sd / name).read_bytes(), (pd / name).read_bytes()
        if name.endswith(".st"):
            continue
        if name.endswith(".npz"):
            za, zb = zipfile.ZipFile(sd / name), zipfile.ZipFile(pd / name)
            assert za.namelist() == zb.namelist(), name
            for m, ia in zip(za.namelist(), za.infolist()):
                assert za.read(m) == zb.read(m), f"{name}:{m}"
                assert ia.compress_type == zb.getinfo(m).compress_type, f"{name}:{m}"
            # numpy reads Slope's archive.
            with np.load(sd / name) as f, np.load(pd / name) as g:
                assert f.files == g.files
                for k in f.files:
                    assert f[k].dtype == g[k].dtype and f[k].shape == g[k].shape
                    assert f[k].tobytes() == g[k].tobytes()
        else:
            assert a == b, f"{name} differs from what numpy/safetensors write"
    # The real safetensors package reads Slope's file, metadata included.
    from safetensors import safe_open

    with safe_open(str(sd / "meta2.st"), framework="np") as f:
        assert f.metadata() == {"format": "np", "note": "slope"}
        assert np.array_equal(f.get_tensor("w"), np.arange(6, dtype=np.float32).reshape(2, 3) * 0 + np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf], dtype=np.float32).reshape(2, 3))


def _numpy_arrays():
    out = {}
    for dt in DTYPES:
        vals = eval(VALUES[dt])  # noqa: S307 (our own literals)
        for k, shape in enumerate(SHAPES):
            n = int(np.prod(shape))
            a = np.array(vals[2], dtype=dt) if shape == () else np.array(vals[:n], dtype=dt).reshape(shape)
            out[f"{dt}_{k}"] = a
    return out


def test_slope_reads_numpy_files(tmp_path):
    arrays = _numpy_arrays()
    src = tmp_path / "in"
    src.mkdir()
    cases = {}
    for name, a in arrays.items():
        np.save(src / f"c_{name}.npy", a)
        cases[f"c_{name}"] = a
        if a.ndim >= 2:
            f = np.asfortranarray(a)
            np.save(src / f"f_{name}.npy", f)
            cases[f"f_{name}"] = a
        if a.dtype.itemsize > 1:
            be = a.astype(a.dtype.newbyteorder(">"))
            np.save(src / f"be_{name}.npy", be)
            cases[f"be_{name}"] = a
    np.savez(src / "all.npz", **arrays)
    np.savez_compressed(src / "allz.npz", **arrays)
    from safetensors.numpy import save_file

    save_file(arrays, str(src / "all.safetensors"))
    save_file({"h": np.array([[1.5, -0.0, 65504.0], [6e-8, np.inf, np.nan]], dtype=np.float16)}, str(src / "half.safetensors"))
    # bfloat16 is not a numpy dtype: write the file by hand (its header is plain JSON).
    bf = np.array([1.0, -2.5, 3.140625, 1e30], dtype=np.float32)
    bf_bits = (bf.view(np.uint32) >> 16).astype("<u2").tobytes()
    header = json.dumps({"b": {"dtype": "BF16", "shape": [4], "data_offsets": [0, len(bf_bits)]}}).encode()
    header += b" " * (-len(header) % 8)
    (src / "bf16.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + bf_bits)

    names = sorted(cases)
    prog = tmp_path / "read.py"
    prog.write_text(
        f"""
import numpy as np
import slope.safetensors as st
for name in {names!r}:
    np.save("out/" + name + ".npy", np.load("in/" + name + ".npy"))
for z in ["all", "allz"]:
    with np.load("in/" + z + ".npz") as f:
        print(z, len(f.files), f.files[:3])
        for k in f.files:
            np.save("out/" + z + "_" + k + ".npy", f[k])
d = st.load_file("in/all.safetensors")
print("safetensors", len(d), list(d)[:3])
for k, v in d.items():
    np.save("out/st_" + k + ".npy", v)
np.save("out/half.npy", st.load_file("in/half.safetensors")["h"])
np.save("out/bf16.npy", st.load_file("in/bf16.safetensors")["b"])
print(np.load("in/c_int64_3.npy"))
"""
    )
    (tmp_path / "out").mkdir()
    r = oracle.run([oracle.slope_bin(), prog], cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "note:" in r.stderr and "BF16" in r.stderr and "(F16)" not in r.stderr

    def expect(path: Path, a: np.ndarray):
        import io

        buf = io.BytesIO()
        np.save(buf, a.astype(a.dtype.newbyteorder("<"), order="C"))
        assert path.read_bytes() == buf.getvalue(), f"{path.name}: Slope's copy differs from numpy's bytes"

    for name, a in cases.items():
        expect(tmp_path / "out" / f"{name}.npy", a)
    for z in ("all", "allz"):
        for k, a in arrays.items():
            expect(tmp_path / "out" / f"{z}_{k}.npy", a)
    for k, a in arrays.items():
        expect(tmp_path / "out" / f"st_{k}.npy", a)
    expect(tmp_path / "out" / "half.npy", np.array([[1.5, -0.0, 65504.0], [6e-8, np.inf, np.nan]], dtype=np.float16))
    expect(tmp_path / "out" / "bf16.npy", (bf.view(np.uint32) & 0xFFFF0000).view(np.float32))
    with np.load(src / "all.npz") as f:
        files = f.files
    from safetensors import safe_open

    with safe_open(str(src / "all.safetensors"), framework="np") as f:
        st_keys = list(f.keys())
    assert f"all {len(files)} {files[:3]}" in r.stdout
    assert f"safetensors {len(st_keys)}" in r.stdout
    assert str(arrays["int64_3"]) in r.stdout


TEXT_PROGRAM = r'''
import os
import numpy as np

with open("notes.txt", "w") as f:
    n = f.write("first line\nsecond line\n")
    f.writelines(["third\n", "fourth"])
print(n, f.closed)
with open("notes.txt", "a") as f:
    f.write("\nappended\n")
with open("notes.txt") as f:
    print(repr(f.readline()))
    print(f.readlines())
with open("notes.txt") as f:
    for i, line in enumerate(f):
        print(i, repr(line))
f = open("notes.txt", "r")
print(repr(f.read(5)), repr(f.read()))
f.close()
print(os.path.exists("notes.txt"), os.path.exists("missing.txt"), os.path.isfile("notes.txt"), os.path.getsize("notes.txt"))
with open("crlf.txt", "w") as f:
    f.write("a\r\nb\rc\n")
print(open("crlf.txt").read().split("\n"))
try:
    open("missing.txt")
except FileNotFoundError as e:
    print("FileNotFoundError", e)
try:
    open("new.txt", "x").write("x")
    open("new.txt", "x")
except FileExistsError as e:
    print("FileExistsError", e)

a = np.arange(12, dtype=np.float64).reshape(3, 4) / 7
np.savetxt("a.txt", a)
np.savetxt("a.csv", a, fmt="%.6f", delimiter=",", header="w,x,y,z\nsecond", footer="end")
np.savetxt("i.csv", np.arange(6).reshape(2, 3), fmt="%d", delimiter=";")
np.savetxt("v.txt", np.array([1.5, 2.5, -3.0]), fmt="%g")
print(open("a.csv").read())
b = np.loadtxt("a.txt")
print(b.shape, b.dtype, np.array_equal(a, b))
c = np.loadtxt("a.csv", delimiter=",", skiprows=2)
print(c)
print(np.loadtxt("a.csv", delimiter=",", usecols=(0, 2)))
print(np.loadtxt("a.csv", delimiter=",", usecols=1))
print(np.loadtxt("i.csv", delimiter=";", dtype=int))
print(np.loadtxt("i.csv", delimiter=";", dtype=np.int32, unpack=True))
print(np.loadtxt("v.txt"), np.loadtxt("v.txt", ndmin=2).shape)
print(np.loadtxt("a.csv", delimiter=",", max_rows=2))
with open("g.csv", "w") as f:
    f.write("# comment\n1,2,3\n4,,6\n7,x,9 # trailing\n\n10,11,12\n")
print(np.genfromtxt("g.csv", delimiter=","))
print(np.genfromtxt("g.csv", delimiter=",", skip_header=2))
print(np.genfromtxt("g.csv", delimiter=",", filling_values=-1.0, usecols=(0, 1)))
print(np.genfromtxt("g.csv", delimiter=",", skip_footer=1, missing_values="x"))
with open("spaces.txt", "w") as f:
    f.write("1 2\n3 4\n")
print(np.loadtxt("spaces.txt", dtype=np.float32), np.loadtxt("spaces.txt", comments=None).sum())
try:
    np.loadtxt("g.csv", delimiter=",")
except ValueError as e:
    print("ValueError", e)
'''


def test_text_files_match_cpython(tmp_path):
    (sd, sr), (pd, pr) = _run_both(tmp_path, TEXT_PROGRAM)
    assert sr.stdout == pr.stdout
    for p in pd.iterdir():
        if p.name != "prog.py":
            assert (sd / p.name).read_bytes() == p.read_bytes(), p.name


def _bad(tmp_path: Path, name: str, data: bytes, code: str):
    (tmp_path / name).write_bytes(data)
    prog = tmp_path / "bad.py"
    prog.write_text(code)
    r = oracle.run([oracle.slope_bin(), prog], cwd=tmp_path)
    assert r.returncode != 0
    assert "panicked" not in r.stderr and "InternalError" not in r.stderr, r.stderr
    return r.stderr


def _npy_bytes(a):
    import io

    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


GOOD_NPY = _npy_bytes(np.zeros(4))


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", ["empty"]),
        (b"PNG\x00garbage", ["magic string is not correct"]),
        (GOOD_NPY[:20], ["header"]),
        (GOOD_NPY[:-5], ["needs 32 bytes", "holds 27"]),
        (GOOD_NPY.replace(b"(4,)", b"(9,)"), ["needs 72 bytes"]),
        (GOOD_NPY.replace(b"<f8", b"<c8"), ["not one Slope has"]),
        (GOOD_NPY.replace(b"'shape'", b"'shapx'"), ["header cannot be read"]),
        (b"PK\x03\x04" + b"\x00" * 40, ["zip"]),
    ],
    ids=["empty", "magic", "truncated_header", "truncated_data", "lying_shape", "complex", "bad_dict", "bad_zip"],
)
def test_bad_npy(tmp_path, data, words):
    err = _bad(tmp_path, "bad.npy", data, "import numpy as np\nx = np.load('bad.npy')\nprint(x)\n")
    assert "ValueError" in err and "'bad.npy'" in err, err
    for w in words:
        assert w in err, err


def test_bad_safetensors(tmp_path):
    header = b'{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}'
    good = struct.pack("<Q", len(header)) + header + b"\x00" * 16
    cases = [
        (b"\x01\x00", "shorter than the 8 bytes"),
        (struct.pack("<Q", 1000) + header, "past the end"),
        (good[:-4], "data section"),
        (struct.pack("<Q", len(header)) + header.replace(b"{", b"[", 1) + b"\x00" * 16, "header"),
    ]
    for data, words in cases:
        err = _bad(tmp_path, "bad.safetensors", data, "import slope.safetensors as st\nst.load_file('bad.safetensors')\n")
        assert "ValueError" in err and "'bad.safetensors'" in err and words in err, err


def test_missing_files_are_file_not_found(tmp_path):
    for code in [
        "import numpy as np\nnp.load('nope.npy')\n",
        "import slope.safetensors as st\nst.load_file('nope.safetensors')\n",
        "import slope.tokenizers as t\nt.Tokenizer.from_file('nope.json')\n",
        "open('nope.txt')\n",
        "import numpy as np\nnp.loadtxt('nope.txt')\n",
    ]:
        prog = tmp_path / "m.py"
        prog.write_text(code)
        r = oracle.run([oracle.slope_bin(), prog], cwd=tmp_path)
        assert r.returncode != 0 and "FileNotFoundError" in r.stderr and "nope" in r.stderr, r.stderr
        assert "panicked" not in r.stderr


def test_jnp_save_load(tmp_path):
    prog = tmp_path / "j.py"
    prog.write_text(
        "import jax.numpy as jnp\nx = jnp.arange(6.0).reshape(2, 3)\njnp.save('x.npy', x)\ny = jnp.load('x.npy')\nprint(type(y).__name__, y.dtype, (x == y).all())\n"
    )
    r = oracle.run([oracle.slope_bin(), prog], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[1:] == ["float32", "True"]
    assert np.array_equal(np.load(tmp_path / "x.npy"), np.arange(6.0, dtype=np.float32).reshape(2, 3))
