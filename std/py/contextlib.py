"""Python's `contextlib` in Slope: `contextmanager` (a context manager from a generator
function), `suppress`, `nullcontext`, `closing`, `ExitStack`, `redirect_stdout`,
`ContextDecorator` and `AbstractContextManager`, with CPython 3.11's behaviour."""

import sys as _sys
from functools import wraps as _wraps


class AbstractContextManager:
    """A base class for context managers: __enter__ returns self, __exit__ is abstract."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    """A base class that lets a context manager be used as a function decorator too: the
    decorated function runs inside `with self._recreate_cm():`."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @_wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)

        return inner


class _GeneratorContextManager(ContextDecorator):
    """The context manager that @contextmanager makes from one call of a generator function."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        doc = getattr(func, "__doc__", None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None  # help: a @contextmanager generator must yield exactly once

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")  # help: a @contextmanager generator must yield exactly once
        else:
            if value is None:
                value = typ()
            try:
                self.gen.throw(value)
            except StopIteration as exc:
                return exc is not value
            except RuntimeError as exc:
                if exc is value:
                    return False
                if isinstance(value, StopIteration) and exc.__cause__ is value:
                    return False
                raise
            except BaseException as exc:
                if exc is not value:
                    raise
                return False
            raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    """contextmanager(func): a decorator that makes a context manager of a generator function:
    the code before its single `yield` runs on entering the `with` block (the yielded value is
    bound by `as`), the code after it on leaving; an exception in the block is raised at the
    `yield`, so a try/finally around the yield cleans up.

        @contextmanager
        def opened(path):
            f = open(path)
            try:
                yield f
            finally:
                f.close()
    """

    @_wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)

    return helper


class closing(AbstractContextManager):
    """closing(thing): a context manager that calls thing.close() at the end of the block."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class suppress(AbstractContextManager):
    """suppress(*exceptions): a context manager that ends the block silently when one of the
    given exception types is raised in it."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        if exctype is None:
            return False
        return issubclass(exctype, self._exceptions)


class nullcontext(AbstractContextManager):
    """nullcontext(enter_result=None): a context manager that does nothing (its `as` value is
    enter_result), for code that takes an optional context manager."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class _RedirectStream(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(_sys, self._stream))
        setattr(_sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(_sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """redirect_stdout(new_target): sys.stdout is new_target inside the block."""

    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """redirect_stderr(new_target): sys.stderr is new_target inside the block."""

    _stream = "stderr"


class ExitStack(AbstractContextManager):
    """ExitStack(): a context manager that runs a stack of callbacks and context managers' exits
    when its block ends, last in first out (enter_context, callback, push, pop_all, close)."""

    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        """Move the registered callbacks to a new ExitStack and return it."""
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new_stack

    def push(self, exit):
        """push(exit): register a context manager's __exit__ (or a function of the same three
        arguments) to run at the end."""
        exit_method = getattr(type(exit), "__exit__", None)
        if exit_method is None:
            self._exit_callbacks.append((True, exit))
        else:
            self._exit_callbacks.append((True, exit.__exit__))
        return exit

    def enter_context(self, cm):
        """enter_context(cm): enter the context manager cm and return its __enter__ result;
        its __exit__ runs when the stack closes."""
        cls = type(cm)
        try:
            enter = cm.__enter__
            exit = cm.__exit__
        except AttributeError:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does not support the context manager protocol") from None
        result = enter()
        self._exit_callbacks.append((True, exit))
        return result

    def callback(self, callback, /, *args, **kwds):
        """callback(f, *args, **kwds): call f(*args, **kwds) when the stack closes."""

        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)

        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((False, _exit_wrapper))
        return callback

    def close(self):
        """Run the registered exits now."""
        self.__exit__(None, None, None)

    def __exit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        suppressed_exc = False
        pending_raise = False
        pending = None
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed_exc = True
                    pending_raise = False
                    exc_details = (None, None, None)
            except BaseException as new_exc:
                exc_details = (type(new_exc), new_exc, None)
                pending_raise = True
                pending = new_exc
        if pending_raise:
            raise pending
        return received_exc and suppressed_exc
