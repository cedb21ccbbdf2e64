# warnings as programs use it: silencing with filterwarnings/simplefilter, turning a warning into
# an error, and catch_warnings(record=True) to inspect what was warned (stdout only: the printed
# warnings go to stderr).
import warnings


def old_api(x):
    warnings.warn("old_api is deprecated", DeprecationWarning)
    return x * 2


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(old_api(2), old_api(3))
    warnings.warn("plain")
print(len(caught), [w.category.__name__ for w in caught], [str(w.message) for w in caught])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        old_api(1)
    except DeprecationWarning as e:
        print(type(e).__name__, e)
warnings.filterwarnings("ignore", category=UserWarning)
warnings.warn("ignored")
with warnings.catch_warnings():
    warnings.filterwarnings("error", message="bad")
    try:
        warnings.warn("bad input", RuntimeWarning)
    except RuntimeWarning as e:
        print(type(e).__name__, e)
print(issubclass(DeprecationWarning, Warning), issubclass(UserWarning, Exception))
try:
    warnings.warn("x", category=int)
except TypeError as e:
    print(type(e).__name__)
