# np.pad's modes and pad_width forms (numpy's _arraypad_impl examples); before, a function as
# mode and a dict of widths were silently taken as constant zero padding.
import numpy as np

a = [1, 2, 3, 4, 5]
print(np.pad(a, (2, 3), 'constant', constant_values=(4, 6)))
print(np.pad(a, (2, 3), 'edge'))
print(np.pad(a, (2, 3), 'linear_ramp', end_values=(5, -4)))
print(np.pad(a, (2,), 'maximum'))
print(np.pad(a, (2,), 'mean'))
print(np.pad(a, (2,), 'median'))
a2 = [[1, 2], [3, 4]]
print(np.pad(a2, ((3, 2), (2, 3)), 'minimum'))
print(np.pad(a, (2, 3), 'reflect'))
print(np.pad(a, (2, 3), 'reflect', reflect_type='odd'))
print(np.pad(a, (2, 3), 'symmetric'))
print(np.pad(a, (2, 3), 'symmetric', reflect_type='odd'))
print(np.pad(a, (2, 3), 'wrap'))
print(np.pad([1, 2, 3], (7, 8), 'reflect'), np.pad([1, 2, 3], (7, 8), 'symmetric'), np.pad([1, 2, 3], (7, 8), 'wrap'))

def pad_with(vector, pad_width, iaxis, kwargs):
    pad_value = kwargs.get('padder', 10)
    vector[:pad_width[0]] = pad_value
    vector[-pad_width[1]:] = pad_value

a = np.arange(6)
a = a.reshape((2, 3))
print(np.pad(a, 2, pad_with))
print(np.pad(a, 2, pad_with, padder=100))

a = np.arange(1, 7).reshape(2, 3)
print(np.pad(a, {1: (1, 2)}))
print(np.pad(a, {-1: 2}))
print(np.pad(a, {0: (3, 0)}))
print(np.pad(a, {0: (3, 0), 1: 2}))
print(np.pad(a, ((1, 2), (0, 1)), constant_values=((7, 8), (9, 0))))
print(np.pad(np.arange(6.0).reshape(2, 3), 1, 'mean', stat_length=2))
print(np.pad(np.ones((2, 2), dtype=np.float32), 1, 'linear_ramp').dtype)
for bad in (lambda: np.pad(a, -1), lambda: np.pad(a, 1, 'nearest'), lambda: np.pad(a, 1, 'edge', constant_values=3), lambda: np.pad(a, 1.5)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
