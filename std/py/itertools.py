"""Python's `itertools` written in Slope: the iterator building blocks, lazy as CPython's are.
Each function checks its arguments and takes what CPython takes when it is called (`iter()` of
its inputs; the whole input for `product`, `combinations` and `permutations`), then returns a
generator that produces the items on demand, in CPython 3.11's order."""

_MAXSIZE = 9223372036854775807


class count:
    """count(start=0, step=1): an endless iterator of start, start + step, start + 2*step, …"""

    def __init__(self, start=0, step=1):
        if not isinstance(start, (int, float)) or not isinstance(step, (int, float)):
            raise TypeError("a number is required")
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if isinstance(self._step, int) and self._step == 1:
            return f"count({self._n!r})"
        return f"count({self._n!r}, {self._step!r})"


class repeat:
    """repeat(object[, times]): object over and over, endlessly or `times` times."""

    def __init__(self, object, times=None):
        self._object = object
        if times is not None and times < 0:
            times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {self._times})"


def cycle(iterable):
    """cycle(iterable): the items of iterable, then the same items again, endlessly (they are
    saved on the first pass)."""
    it = iter(iterable)
    return _cycle(it)


def _cycle(it):
    saved = []
    for element in it:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


def _chain(iterables):
    for it in iterables:
        for element in it:
            yield element


def chain(*iterables):
    """chain(*iterables): the items of the first iterable, then of the second, and so on."""
    return _chain(iterables)


def _from_iterable(iterable):
    """chain.from_iterable(iterable): chain over the iterables that iterable produces, taken
    lazily."""
    return _chain(iter(iterable))


chain.from_iterable = _from_iterable


def _accumulate(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total


def accumulate(iterable, func=None, *, initial=None):
    """accumulate(iterable, func=operator.add, *, initial=None): running totals (or running
    results of func of two arguments), starting with initial when it is given."""
    return _accumulate(iter(iterable), func, initial)


def _islice_index(x, what):
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, int) or x < 0:
        raise ValueError(f"{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize.")  # help: pass a non-negative int or None
    return x


def _islice(it, start, stop, step):
    cnt = 0
    nxt = start
    while True:
        while cnt < nxt:
            try:
                next(it)
            except StopIteration:
                return
            cnt += 1
        if stop is not None and cnt >= stop:
            return
        try:
            item = next(it)
        except StopIteration:
            return
        cnt += 1
        nxt += step
        if stop is not None and nxt > stop:
            nxt = stop
        yield item


def islice(iterable, *args):
    """islice(iterable, stop) / islice(iterable, start, stop[, step]): the items of iterable at
    the indices range(start, stop, step) would give, taken lazily (stop=None goes on to the end)."""
    if len(args) == 1:
        start, stop, step = None, args[0], None
        stop = _islice_index(stop, "Stop argument")
    elif 2 <= len(args) <= 3:
        start, stop = args[0], args[1]
        step = args[2] if len(args) == 3 else None
        start = _islice_index(start, "Indices")
        stop = _islice_index(stop, "Indices")
    elif len(args) == 0:
        raise TypeError("islice expected at least 2 arguments, got 1")
    else:
        raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}")
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or step <= 0):
        raise ValueError("Step for islice() must be a positive integer or None.")  # help: pass a step of 1 or more
    start = 0 if start is None else start
    step = 1 if step is None else step
    return _islice(iter(iterable), start, stop, step)


def _zip_longest(its, fillvalue):
    n = len(its)
    active = n
    if n == 0:
        return
    while True:
        values = []
        for i in range(n):
            it = its[i]
            if it is None:
                values.append(fillvalue)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                active -= 1
                if active == 0:
                    return
                its[i] = None
                values.append(fillvalue)
        yield tuple(values)


def zip_longest(*iterables, fillvalue=None):
    """zip_longest(*iterables, fillvalue=None): tuples of one item from each iterable, until the
    longest is exhausted; the shorter ones are padded with fillvalue."""
    return _zip_longest([iter(x) for x in iterables], fillvalue)


def _starmap(function, it):
    for args in it:
        yield function(*args)


def starmap(function, iterable):
    """starmap(function, iterable): function(*args) for each args tuple of iterable."""
    return _starmap(function, iter(iterable))


def _takewhile(predicate, it):
    for x in it:
        if predicate(x):
            yield x
        else:
            return


def takewhile(predicate, iterable):
    """takewhile(predicate, iterable): the items of iterable as long as predicate is true of
    them (the first item for which it is false is consumed and dropped)."""
    return _takewhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def dropwhile(predicate, iterable):
    """dropwhile(predicate, iterable): the items of iterable from the first one for which
    predicate is false."""
    return _dropwhile(predicate, iter(iterable))


def _filterfalse(predicate, it):
    for x in it:
        if predicate is None:
            if not x:
                yield x
        elif not predicate(x):
            yield x


def filterfalse(predicate, iterable):
    """filterfalse(predicate, iterable): the items of iterable for which predicate is false
    (the false items when predicate is None)."""
    return _filterfalse(predicate, iter(iterable))


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def compress(data, selectors):
    """compress(data, selectors): the items of data whose matching selector is true."""
    return _compress(iter(data), iter(selectors))


def _pairwise(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield (a, b)
        a = b


def pairwise(iterable):
    """pairwise(iterable): overlapping pairs of consecutive items, (s0, s1), (s1, s2), …"""
    return _pairwise(iter(iterable))


_NULL = object()


class _Grouping:
    """The state groupby's groups share, as CPython's groupby object: the underlying iterator,
    the current item and key, the key of the current group, and which group is current."""

    def __init__(self, it, keyfunc):
        self.it = it
        self.keyfunc = keyfunc
        self.currvalue = _NULL
        self.currkey = _NULL
        self.tgtkey = _NULL
        self.currgrouper = None

    def step(self):
        try:
            value = next(self.it)
        except StopIteration:
            return False
        self.currkey = value if self.keyfunc is None else self.keyfunc(value)
        self.currvalue = value
        return True


def _grouper(state, token, tgtkey):
    # A group ends at the first item whose key differs, or as soon as groupby moves on.
    while True:
        if state.currgrouper is not token:
            return
        if state.currvalue is _NULL:
            if not state.step():
                return
        if not (tgtkey == state.currkey):
            return
        r = state.currvalue
        state.currvalue = _NULL
        yield r


def _groupby(state):
    while True:
        state.currgrouper = None
        # Skip what is left of the group the caller did not read.
        while True:
            if state.currkey is _NULL:
                pass
            elif state.tgtkey is _NULL:
                break
            elif not (state.tgtkey == state.currkey):
                break
            if not state.step():
                return
        state.tgtkey = state.currkey
        token = object()
        state.currgrouper = token
        yield (state.currkey, _grouper(state, token, state.tgtkey))


def groupby(iterable, key=None):
    """groupby(iterable, key=None): (key, group) pairs for the runs of consecutive items with
    equal key(item) (the item itself when key is None). A group is an iterator over its run,
    valid until groupby moves on; sort the data by the same key first to group all equal keys."""
    return _groupby(_Grouping(iter(iterable), key))


def _tee_iter(it, buffers, i):
    buf = buffers[i]
    while True:
        if not buf:
            try:
                value = next(it)
            except StopIteration:
                return
            for b in buffers:
                b.append(value)
        yield buf.pop(0)


def tee(iterable, n=2):
    """tee(iterable, n=2): n independent iterators over the items of iterable (items read by
    one and not yet by the others are buffered)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    buffers = [[] for _ in range(n)]
    return tuple(_tee_iter(it, buffers, i) for i in range(n))


def _product(pools):
    n = len(pools)
    for pool in pools:
        if not pool:
            return
    indices = [0] * n
    yield tuple(pool[0] for pool in pools)
    while True:
        i = n - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple(pools[j][indices[j]] for j in range(n))


def product(*iterables, repeat=1):
    """product(*iterables, repeat=1): the Cartesian product of the iterables, as tuples in
    lexicographic order (nested for-loops, the last iterable varying fastest); repeat=k
    repeats the iterables k times (product(A, repeat=2) is product(A, A))."""
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        i = r - 1
        while i >= 0:
            if indices[i] != i + n - r:
                break
            i -= 1
        if i < 0:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations(iterable, r):
    """combinations(iterable, r): the r-length tuples of items of iterable in sorted index
    order, without repeated positions."""
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations(tuple(iterable), r)


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        i = r - 1
        while i >= 0:
            if indices[i] != n - 1:
                break
            i -= 1
        if i < 0:
            return
        v = indices[i] + 1
        for j in range(i, r):
            indices[j] = v
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    """combinations_with_replacement(iterable, r): the r-length tuples of items of iterable in
    sorted index order, where a position may repeat."""
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations_with_replacement(tuple(iterable), r)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        i = r - 1
        while i >= 0:
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1 :] + indices[i : i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[k] for k in indices[:r])
                break
            i -= 1
        if i < 0:
            return


def permutations(iterable, r=None):
    """permutations(iterable, r=None): the r-length orderings of the items of iterable (all of
    them when r is None), in lexicographic order of positions."""
    pool = tuple(iterable)
    if r is None:
        r = len(pool)
    elif r < 0:
        raise ValueError("r must be non-negative")
    return _permutations(pool, r)
