# expect: RuntimeError
# span: with opened():
from contextlib import contextmanager


@contextmanager
def opened():
    if False:
        yield


with opened():
    pass
