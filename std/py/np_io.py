"""numpy's file functions: `save`, `load`, `savez`, `savez_compressed` (.npy and .npz, byte for
byte numpy's formats, through the native `_npyio`), and `loadtxt`, `savetxt`, `genfromtxt` for
plain text files of numbers, following numpy's `lib/_npyio_impl.py`. numpy.py's `save`, `load`,
... call these (with the flavour, so `jnp.load` returns JAX arrays)."""

import _npyio
import numpy as _np


def _path(file, what):
    if not isinstance(file, str):
        raise TypeError(f"{what}: Slope reads and writes files by path; pass the file's name as a str, not {type(file).__name__}")
    return file


def save(file, arr, allow_pickle=True, fix_imports=True):
    """save(file, arr): write arr to the .npy file `file` ('.npy' is added to a name without it)."""
    file = _path(file, 'save')
    if not file.endswith('.npy'):
        file = file + '.npy'
    _npyio.save(file, _np.asarray(arr))


class NpzFile:
    """NpzFile: the arrays of an .npz archive, read one by one as they are asked for (np.load's result for .npz files)."""

    def __init__(self, fid, names, jax=False):
        self.fid = fid
        self._files = names
        self.files = [n[:-4] if n.endswith('.npy') else n for n in names]
        self._jax = jax
        self.zip = None

    def __getitem__(self, key):
        if key in self._files:
            member = key
        elif key in self.files:
            member = self._files[self.files.index(key)]
        else:
            raise KeyError(f"{key} is not a file in the archive")
        a = _npyio.npz_read(self.fid, member)
        if self._jax:
            import jax.numpy as jnp
            return jnp.asarray(a)
        return a

    def __contains__(self, key):
        return key in self.files or key in self._files

    def __iter__(self):
        return iter(self.files)

    def __len__(self):
        return len(self.files)

    def keys(self):
        """keys(): the names of the arrays."""
        return list(self.files)

    def values(self):
        """values(): the arrays."""
        return [self[k] for k in self.files]

    def items(self):
        """items(): (name, array) pairs."""
        return [(k, self[k]) for k in self.files]

    def get(self, key, default=None):
        """get(key, default=None): the array named key, or default."""
        if key in self:
            return self[key]
        return default

    def close(self):
        """close(): nothing to free (every read opens the archive anew)."""
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return f"NpzFile {self.fid!r} with keys: " + ", ".join(self.files[:5]) + ("..." if len(self.files) > 5 else "")


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding='ASCII', *, max_header_size=10000, _jax=False):
    """load(file): the array of a .npy file, or an NpzFile (dict-like) for an .npz archive."""
    file = _path(file, 'load')
    r = _npyio.load(file)
    if isinstance(r, list):
        return NpzFile(file, r, _jax)
    if _jax:
        import jax.numpy as jnp
        return jnp.asarray(r)
    return r


def _savez(file, args, kwds, compress):
    file = _path(file, 'savez_compressed' if compress else 'savez')
    if not file.endswith('.npz'):
        file = file + '.npz'
    names = []
    arrays = []
    for i, a in enumerate(args):
        names.append(f"arr_{i}")
        arrays.append(_np.asarray(a))
    for k, a in kwds.items():
        if k in names:
            raise ValueError(f"Cannot use un-named variables and keyword {k}")
        names.append(k)
        arrays.append(_np.asarray(a))
    _npyio.savez(file, names, arrays, compress)


def savez(file, *args, allow_pickle=True, **kwds):
    """savez(file, *args, **kwds): several arrays in one uncompressed .npz archive (positional ones named arr_0, arr_1, ...)."""
    _savez(file, args, kwds, False)


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    """savez_compressed(file, *args, **kwds): several arrays in one deflate-compressed .npz archive."""
    _savez(file, args, kwds, True)


# ---------------------------------------------------------------------------------------------
# Text files.

def _lines(fname):
    """The lines of a text source: a path, a file object, or a list of str."""
    if isinstance(fname, str):
        with open(fname) as f:
            text = f.read()
        return text.splitlines()
    if hasattr(fname, 'read'):
        return fname.read().splitlines()
    return [l.rstrip('\r\n') for l in fname]


def _strip_comment(line, comments):
    if comments is None:
        return line
    if isinstance(comments, str):
        comments = [comments]
    for c in comments:
        i = line.find(c)
        if i >= 0:
            line = line[:i]
    return line


def _split(line, delimiter):
    if delimiter is None:
        return line.split()
    return line.split(delimiter)


def _ndmin(a, ndmin):
    if a.ndim > ndmin:
        a = _np.squeeze(a)
    if a.ndim < ndmin:
        if ndmin == 1:
            a = _np.atleast_1d(a)
        elif ndmin == 2:
            a = _np.atleast_2d(a).T
    return a


def _check_ndmin(ndmin):
    if ndmin not in [0, 1, 2]:
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")


def _usecols(usecols):
    if usecols is None:
        return None
    if isinstance(usecols, int):
        return [usecols]
    return list(usecols)


def _dtype_of(dtype):
    if dtype is float or dtype is None:
        return _np.dtype(_np.float64)
    if dtype is int:
        return _np.dtype(_np.int64)
    if dtype is bool:
        return _np.dtype(_np.bool_)
    return _np.dtype(dtype)


def _is_int_dtype(dtype):
    return dtype.kind in ('i', 'u')


def _parse_int(s):
    s = s.strip()
    try:
        return int(s)
    except ValueError:
        pass
    f = float(s)
    if f != int(f):
        raise ValueError(f"invalid literal for int() with base 10: {s!r}")
    return int(f)


def loadtxt(fname, dtype=float, comments='#', delimiter=None, converters=None, skiprows=0, usecols=None, unpack=False, ndmin=0, encoding=None, max_rows=None, *, quotechar=None, like=None):
    """loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, max_rows=None): an array of the numbers in a text file, one row per line."""
    _check_ndmin(ndmin)
    dtype = _dtype_of(dtype)
    cols = _usecols(usecols)
    is_int = _is_int_dtype(dtype)
    rows = []
    ncols = None
    lines = _lines(fname)[skiprows:]
    for lineno, line in enumerate(lines):
        line = _strip_comment(line, comments)
        if not line.strip():
            continue
        fields = _split(line, delimiter)
        if cols is not None:
            try:
                fields = [fields[i] for i in cols]
            except IndexError:
                raise ValueError(f"invalid column index {max(cols)} at row {len(rows) + 1} with {len(fields)} columns")
        if ncols is None:
            ncols = len(fields)
        elif len(fields) != ncols:
            raise ValueError(f"the number of columns changed from {ncols} to {len(fields)} at row {len(rows) + 1}; use `usecols` to select a subset and avoid this error")
        row = []
        for j, s in enumerate(fields):
            conv = None
            if converters is not None:
                conv = converters.get(j) if isinstance(converters, dict) else converters
            if conv is not None:
                row.append(conv(s))
            elif is_int:
                row.append(_parse_int(s))
            else:
                try:
                    row.append(float(s.strip()))
                except ValueError:
                    raise ValueError(f"could not convert string {s!r} to {dtype.name} at row {len(rows)}, column {j + 1}.")
        rows.append(row)
        if max_rows is not None and len(rows) >= max_rows:
            break
    if not rows:
        a = _np.zeros((0,), dtype=dtype)
    else:
        a = _np.array(rows, dtype=dtype)
    a = _ndmin(a, ndmin)
    if unpack:
        return a.T
    return a


def _fixed_width(line, delimiter):
    # genfromtxt's fixed-width fields: delimiter=n (every n characters) or a tuple of widths.
    if isinstance(delimiter, int):
        widths = [delimiter] * ((len(line) + delimiter - 1) // delimiter) if delimiter > 0 else []
    else:
        widths = list(delimiter)
    out = []
    pos = 0
    for w in widths:
        out.append(line[pos:pos + w])
        pos += w
    return out


def _per_column(spec, ncols_hint, what):
    # missing_values/filling_values: one value for every column, a sequence (one per
    # column) or a dict keyed by column index.
    if isinstance(spec, dict):
        for k in spec:
            if not isinstance(k, int):
                # help: key the dict by column index (0, 1, ...); names need structured arrays
                raise NotImplementedError(f"genfromtxt: {what} keyed by column name needs names=, and structured arrays are not supported in Slope; key it by column index")
        return spec
    return None


def genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, skip_footer=0, converters=None, missing_values=None, filling_values=None, usecols=None, names=None, excludelist=None, deletechars=None, replace_space='_', autostrip=False, case_sensitive=True, defaultfmt="f%i", unpack=None, usemask=False, loose=True, invalid_raise=True, max_rows=None, encoding=None, *, ndmin=0, like=None):
    """genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, skip_footer=0, converters=None, missing_values=None, filling_values=None, usecols=None, max_rows=None): like loadtxt, with missing or invalid values as nan (or filling_values); delimiter may be a field width or a tuple of widths; converters maps a column index to a function of the field's text."""
    _check_ndmin(ndmin)
    if names is not None and names is not False:
        # help: drop names= to read a 2-d array of numbers (usecols= picks columns by index)
        raise NotImplementedError("genfromtxt: names= makes a structured array (named fields), which Slope does not support")
    if usemask:
        # help: missing values come back as nan (or filling_values) without usemask=True
        raise NotImplementedError("genfromtxt: usemask=True (masked arrays) is not supported in Slope")
    if max_rows is not None and skip_footer:
        raise ValueError("The keywords 'skip_footer' and 'max_rows' can not be specified at the same time.")
    dtype = _dtype_of(dtype)
    cols = _usecols(usecols)
    is_int = _is_int_dtype(dtype)
    fill = -1 if is_int else float('nan')
    fill_by_col = _per_column(filling_values, None, "filling_values")
    if filling_values is not None and fill_by_col is None:
        if isinstance(filling_values, (list, tuple)):
            fill_by_col = dict(enumerate(filling_values))
        else:
            fill = filling_values
    missing = set([''])
    missing_by_col = _per_column(missing_values, None, "missing_values")
    if missing_values is not None and missing_by_col is None:
        for m in ([missing_values] if isinstance(missing_values, str) else missing_values):
            missing.add(m)
    conv = {}
    if converters is not None:
        for k, f in converters.items():
            if not isinstance(k, int):
                # help: key converters by column index
                raise NotImplementedError("genfromtxt: converters keyed by column name need names=, and structured arrays are not supported in Slope; key them by column index")
            if not callable(f):
                raise TypeError(f"The input argument 'converter' should be a valid function (got {f!r})")
            conv[k] = f
    lines = _lines(fname)[skip_header:]
    if skip_footer:
        lines = lines[:len(lines) - skip_footer]
    rows = []
    ncols = None
    errors = []
    for lineno, line in enumerate(lines):
        line = _strip_comment(line, comments)
        if not line.strip():
            continue
        if isinstance(delimiter, (int, tuple, list)) and not isinstance(delimiter, bool):
            raw = _fixed_width(line, delimiter)
        else:
            raw = _split(line, delimiter)
        fields = [(i, f) for i, f in enumerate(raw)]
        if cols is not None:
            fields = [(i % len(raw) if -len(raw) <= i < len(raw) else i, raw[i] if -len(raw) <= i < len(raw) else '') for i in cols]
        if ncols is None:
            ncols = len(fields)
        elif len(fields) != ncols:
            errors.append(f"    Line #{lineno + skip_header + 1} (got {len(fields)} columns instead of {ncols})")
            continue
        row = []
        for col, text in fields:
            s = text.strip()
            col_fill = fill_by_col.get(col, fill) if fill_by_col is not None else fill
            if col in conv:
                row.append(conv[col](text))
                continue
            col_missing = missing_by_col.get(col) if missing_by_col is not None else None
            if s in missing or (col_missing is not None and s == str(col_missing).strip()):
                row.append(col_fill)
                continue
            try:
                row.append(_parse_int(s) if is_int else float(s))
            except ValueError:
                row.append(col_fill)
        rows.append(row)
        if max_rows is not None and len(rows) >= max_rows:
            break
    if errors and invalid_raise:
        raise ValueError("Some errors were detected !\n" + "\n".join(errors))
    if not rows:
        a = _np.zeros((0,), dtype=dtype)
    else:
        a = _np.array(rows, dtype=dtype)
    a = _ndmin(a, ndmin)
    if unpack:
        return a.T
    return a


def savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\n', header='', footer='', comments='# ', encoding=None):
    """savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# '): write a 1-d or 2-d array as text, one row per line."""
    X = _np.asarray(X)
    if X.ndim == 0 or X.ndim > 2:
        raise ValueError(f"Expected 1D or 2D array, got {X.ndim}D array instead")
    if X.ndim == 1:
        X = _np.atleast_2d(X).T
    ncol = X.shape[1]
    if isinstance(fmt, (list, tuple)):
        if len(fmt) != ncol:
            raise AttributeError(f'fmt has wrong shape.  {fmt}')
        format = delimiter.join(fmt)
    elif isinstance(fmt, str):
        n = fmt.count('%')
        if n == 1:
            format = delimiter.join([fmt] * ncol)
        elif n != ncol:
            raise ValueError(f'fmt has wrong number of % formats:  {fmt}')
        else:
            format = fmt
    else:
        raise ValueError(f'invalid fmt: {fmt!r}')
    out = []
    if len(header) > 0:
        header = header.replace('\n', '\n' + comments)
        out.append(comments + header + newline)
    for row in X.tolist():
        out.append(format % tuple(row) + newline)
    if len(footer) > 0:
        footer = footer.replace('\n', '\n' + comments)
        out.append(comments + footer + newline)
    text = ''.join(out)
    if isinstance(fname, str):
        with open(fname, 'w') as f:
            f.write(text)
    else:
        fname.write(text)
