# nanargmin/nanargmax, nanprod, nancumsum/nancumprod, nanmedian/nanquantile/nanpercentile
# (axes, keepdims, several q, methods, all-NaN slices) and the index helpers of square arrays:
# tril/triu_indices(_from), mask_indices, diag_indices(_from), fill_diagonal (wrap, 3-d).
import warnings

import numpy as np

warnings.simplefilter("ignore")
a = np.array([[np.nan, 4], [2, 3]])
print(np.argmin(a), np.nanargmin(a), np.nanargmin(a, axis=0), np.nanargmin(a, axis=1))
print(np.argmax(a), np.nanargmax(a), np.nanargmax(a, axis=0), np.nanargmax(a, axis=1), np.nanargmax(a, axis=1, keepdims=True))
print(np.nanargmin([3, 1, 2]), np.nanargmax(np.arange(6).reshape(2, 3), axis=0))
for bad in (lambda: np.nanargmin([np.nan, np.nan]), lambda: np.nanargmax(np.array([[1.0, np.nan], [np.nan, np.nan]]), axis=1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
print(np.nanprod(1), np.nanprod([1]), np.nanprod([1, np.nan]), np.nanprod(a), np.nanprod(a, axis=0), np.nanprod([np.nan]))
print(np.nanprod(a, axis=1, keepdims=True), np.nanprod(np.arange(1, 5)))
print(np.nancumsum(1), np.nancumsum([1]), np.nancumsum([1, np.nan]), np.nancumsum(a), np.nancumsum(a, axis=0), np.nancumsum(a, axis=1))
print(np.nancumprod(1), np.nancumprod([1]), np.nancumprod([1, np.nan]), np.nancumprod(a), np.nancumprod(a, axis=0), np.nancumprod(a, axis=1))
print(np.nancumsum([np.nan, np.nan, 2.5]), np.nancumsum(np.arange(4), dtype=float))

a = np.array([[10.0, 7, 4], [3, 2, 1]])
a[0, 1] = np.nan
print(np.median(a), np.nanmedian(a), np.nanmedian(a, axis=0), np.nanmedian(a, axis=1))
print(np.nanpercentile(a, 50), np.nanpercentile(a, 50, axis=0), np.nanpercentile(a, 50, axis=1, keepdims=True))
print(np.nanquantile(a, 0.5), np.nanquantile(a, 0.5, axis=0), np.nanquantile(a, 0.5, axis=1, keepdims=True))
print(np.nanquantile(a, [0.0, 0.3, 1.0], axis=1), np.nanpercentile(a, [[10, 90]], axis=0))
for method in ("linear", "lower", "higher", "nearest", "midpoint"):
    print(method, np.nanquantile(a, 0.4, axis=1, method=method), np.nanquantile([1.0, np.nan, 2, 7, 4], [0.25, 0.6], method=method))
b = np.array([[np.nan, np.nan, np.nan], [1.0, np.nan, 5.0], [2.0, 3.0, 4.0]])
print(np.nanmedian(b, axis=1), np.nanquantile(b, 0.25, axis=0), np.nanmedian(b), np.nanmedian(b, axis=1, keepdims=True).shape)
print(np.nanmedian(np.arange(7)), np.nanmedian([[1, 2], [3, 4]], axis=0), np.nanquantile(np.ones((2, 3, 4)), 0.5, axis=1).shape)
print(np.nanquantile(b, [0.5], axis=None, keepdims=True).shape, np.nanmedian([np.nan]))
for bad in (lambda: np.nanquantile([1.0, 2.0], 1.5), lambda: np.nanpercentile([1.0, 2.0], -1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

a = np.arange(16).reshape(4, 4)
iu = np.mask_indices(3, np.triu)
print(iu, np.arange(9).reshape(3, 3)[iu])
iu1 = np.mask_indices(3, np.triu, 1)
print(np.arange(9).reshape(3, 3)[iu1], np.mask_indices(3, np.tril, -1))
il1 = np.tril_indices(4)
il2 = np.tril_indices(4, 2)
print(il1, a[il1])
a[il1] = -1
print(a)
a[il2] = -10
print(a)
a = np.arange(16).reshape(4, 4)
iu1 = np.triu_indices(4)
iu2 = np.triu_indices(4, 2)
print(iu1, a[iu1])
a[iu1] = -1
a[iu2] = -10
print(a)
a = np.arange(16).reshape(4, 4)
print(np.tril_indices_from(a), np.tril_indices_from(a, k=1), np.triu_indices_from(a, k=-1))
print(np.tril_indices(3, m=5), np.triu_indices(4, k=1, m=2), np.tril_indices(2, k=-3), np.triu_indices(3, m=2, k=-1))
print(np.tril_indices_from(np.ones((2, 5)), k=2), np.triu_indices_from(np.ones((5, 2))))

di = np.diag_indices(4)
a = np.arange(16).reshape(4, 4)
a[di] = 100
print(di, a)
d3 = np.diag_indices(2, 3)
b = np.zeros((2, 2, 2), dtype=int)
b[d3] = 1
print(b, np.diag_indices_from(np.ones((3, 3))))
for bad in (lambda: np.tril_indices_from(np.ones(3)), lambda: np.diag_indices_from(np.ones((2, 3))),
            lambda: np.diag_indices_from(np.ones(3))):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

a = np.zeros((3, 3), int)
np.fill_diagonal(a, 5)
print(a)
a = np.zeros((3, 3, 3, 3), int)
np.fill_diagonal(a, 4)
print(a[0, 0], a[1, 1], a[2, 2])
a = np.zeros((5, 3), int)
np.fill_diagonal(a, 4)
print(a)
a = np.zeros((5, 3), int)
np.fill_diagonal(a, 4, wrap=True)
print(a)
a = np.zeros((3, 5), int)
np.fill_diagonal(a, 4)
print(a)
f = np.ones((7, 3))
np.fill_diagonal(f, [2.5, -1], wrap=True)
print(f)
for bad in (lambda: np.fill_diagonal(np.zeros(3), 1), lambda: np.fill_diagonal(np.zeros((2, 2, 3)), 1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
