"""Python's `keyword` module: the list of keywords and soft keywords of Python 3.11."""

kwlist = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
]

softkwlist = ["_", "case", "match"]

_kwset = frozenset(kwlist)
_softset = frozenset(softkwlist)


def iskeyword(s):
    """iskeyword(s): whether the string s is a Python keyword."""
    return s in _kwset


def issoftkeyword(s):
    """issoftkeyword(s): whether the string s is a soft keyword (match, case, _)."""
    return s in _softset
