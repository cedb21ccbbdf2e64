"""Python's `heapq` in Slope (CPython's heapq.py): a binary min-heap kept in a plain list,
heap[0] the smallest item; heappush/heappop in O(log n), heapify in O(n), nlargest and
nsmallest, merge of sorted inputs."""


def heappush(heap, item):
    """heappush(heap, item): push item onto heap, keeping the heap invariant."""
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap):
    """heappop(heap): pop and return the smallest item of heap."""
    if not heap:
        raise IndexError("index out of range")  # help: check `if heap:` before popping
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def heapreplace(heap, item):
    """heapreplace(heap, item): pop and return the smallest item, then push item."""
    if not heap:
        raise IndexError("index out of range")  # help: check `if heap:` before replacing
    returnitem = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return returnitem


def heappushpop(heap, item):
    """heappushpop(heap, item): push item, then pop and return the smallest item (faster than
    heappush followed by heappop)."""
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _siftup(heap, 0)
    return item


def heapify(x):
    """heapify(x): turn the list x into a heap, in place, in linear time."""
    n = len(x)
    for i in reversed(range(n // 2)):
        _siftup(x, i)


def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def merge(*iterables, key=None, reverse=False):
    """merge(*iterables, key=None, reverse=False): merge sorted inputs into one sorted iterator
    (lazily, as CPython's)."""
    return _merge([iter(it) for it in iterables], key, reverse)


def _merge(iterators, key, reverse):
    entries = []
    for order, it in enumerate(iterators):
        for value in it:
            k = value if key is None else key(value)
            entries.append([k, order, value, it])
            break
    while entries:
        best = 0
        for i in range(1, len(entries)):
            a, b = entries[i], entries[best]
            if (b[0] < a[0]) if reverse else (a[0] < b[0]):
                best = i
            elif not (a[0] < b[0]) and not (b[0] < a[0]) and a[1] < b[1]:
                best = i
        entry = entries[best]
        yield entry[2]
        try:
            value = next(entry[3])
        except StopIteration:
            del entries[best]
            continue
        entry[0] = value if key is None else key(value)
        entry[2] = value


def nsmallest(n, iterable, key=None):
    """nsmallest(n, iterable, key=None): the n smallest items, smallest first (as
    sorted(iterable, key=key)[:n])."""
    return sorted(iterable, key=key)[: max(n, 0)]


def nlargest(n, iterable, key=None):
    """nlargest(n, iterable, key=None): the n largest items, largest first (as
    sorted(iterable, key=key, reverse=True)[:n])."""
    return sorted(iterable, key=key, reverse=True)[: max(n, 0)]
