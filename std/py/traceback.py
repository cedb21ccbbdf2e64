"""traceback, as far as scripts use it to show the exception being handled: format_exc,
print_exc, format_exception_only. The frames are those Slope's traceback records (the calls
from the code that caught it down to where it was raised); CPython's formatting."""
import sys


def format_exc(limit=None, chain=True):
    """The exception being handled, as the text CPython prints for it."""
    return sys._format_exc(limit)


def print_exc(limit=None, file=None, chain=True):
    """Print format_exc() to `file` (sys.stderr by default)."""
    print(format_exc(limit), end="", file=file if file is not None else sys.stderr)


def format_exception_only(exc, value=None):
    """['Kind: message\\n'] for an exception (or its type and value)."""
    e = value if value is not None else exc
    name = type(e).__name__
    text = str(e)
    return [name + (": " + text if text else "") + "\n"]


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    """Print the exception being handled when `exc` is it; otherwise its last line."""
    current = sys.exception()
    e = value if value is not None else exc
    if current is not None and e is current:
        print_exc(limit, file)
    else:
        print("".join(format_exception_only(e)), end="", file=file if file is not None else sys.stderr)
