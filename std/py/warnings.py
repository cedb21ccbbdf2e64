"""Python's `warnings` in Slope: `warn` prints `Category: message` to stderr once per message
(the default filter), `filterwarnings`/`simplefilter` ("ignore", "error", "always", "default",
"once") change that, and `catch_warnings(record=True)` collects them in a list."""

import sys as _sys

filters = []
_seen = set()
_record_stack = []


class WarningMessage:
    """One recorded warning: message, category, filename, lineno."""

    def __init__(self, message, category, filename="<slope>", lineno=0, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source

    def __str__(self):
        return f"{{message : {self.message!r}, category : {self.category.__name__!r}, filename : {self.filename!r}, lineno : {self.lineno}, line : {self.line!r}}}"


def _action_for(message, category):
    text = str(message)
    for action, msg, cat in filters:
        if (msg is None or text.startswith(msg)) and issubclass(category, cat):
            return action
    return "default"


def warn(message, category=None, stacklevel=1, source=None):
    """warn(message, category=UserWarning, stacklevel=1): issue a warning; what happens follows
    the filters (by default each message is printed to stderr once)."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    action = _action_for(message, category)
    if action == "ignore":
        return
    if action == "error":
        if isinstance(message, Warning):
            raise message
        raise category(message)
    if _record_stack and _record_stack[-1] is not None:
        _record_stack[-1].append(WarningMessage(message if isinstance(message, Warning) else category(message), category))
        return
    key = (str(message), category)
    if action in ("default", "once", "module") and key in _seen:
        return
    _seen.add(key)
    print(f"{category.__name__}: {message}", file=_sys.stderr)


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """filterwarnings(action, message='', category=Warning, ...): add a filter; action is one of
    "error", "ignore", "always", "default", "module", "once"."""
    if action not in ("error", "ignore", "always", "default", "module", "once"):
        raise ValueError(f"invalid action: {action!r}")
    entry = (action, message or None, category)
    if append:
        filters.append(entry)
    else:
        filters.insert(0, entry)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """simplefilter(action, category=Warning): a filter for every message of the category."""
    filterwarnings(action, "", category, append=append)


def resetwarnings():
    """Remove every filter."""
    filters.clear()


class catch_warnings:
    """catch_warnings(*, record=False): a context manager that restores the filters when it
    ends; with record=True, `as w` is a list that collects the warnings issued inside."""

    def __init__(self, *, record=False, action=None, category=Warning):
        self._record = record
        self._action = action
        self._category = category

    def __enter__(self):
        self._saved = list(filters)
        log = [] if self._record else None
        _record_stack.append(log)
        if self._action is not None:
            simplefilter(self._action, self._category)
        return log

    def __exit__(self, *exc_info):
        filters[:] = self._saved
        _record_stack.pop()
        return False
