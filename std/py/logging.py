"""logging, as CPython's: loggers in a dotted-name hierarchy under the root logger, levels,
handlers (StreamHandler, FileHandler, NullHandler), %- and {}-style Formatters, basicConfig and
the module-level shortcuts (which configure the root logger on first use, as CPython's do).
Records carry name, levelname, levelno, message, msg, args, asctime, created and msecs; the
caller's file, line and function are not tracked (filename '<slope>', lineno 0)."""
import sys
import time as _time

CRITICAL = 50
FATAL = CRITICAL
ERROR = 40
WARNING = 30
WARN = WARNING
INFO = 20
DEBUG = 10
NOTSET = 0

_level_names = {CRITICAL: "CRITICAL", ERROR: "ERROR", WARNING: "WARNING", INFO: "INFO", DEBUG: "DEBUG", NOTSET: "NOTSET"}
_name_levels = {"CRITICAL": CRITICAL, "FATAL": FATAL, "ERROR": ERROR, "WARN": WARNING, "WARNING": WARNING, "INFO": INFO, "DEBUG": DEBUG, "NOTSET": NOTSET}

BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s"
_start_time = _time.time()
_disable_level = 0


def getLevelName(level):
    """The name of a level number ('Level %s' for unknown ones), or the number of a name."""
    if level in _level_names:
        return _level_names[level]
    if level in _name_levels:
        return _name_levels[level]
    return "Level %s" % level


def getLevelNamesMapping():
    return dict(_name_levels)


def addLevelName(level, levelName):
    _level_names[level] = levelName
    _name_levels[levelName] = level


def _check_level(level):
    if isinstance(level, bool):
        raise TypeError("Level not an integer or a valid string: %r" % (level,))
    if isinstance(level, int):
        return level
    if isinstance(level, str):
        if level not in _name_levels:
            raise ValueError("Unknown level: %r" % level)
        return _name_levels[level]
    raise TypeError("Level not an integer or a valid string: %r" % (level,))


class LogRecord:
    """One logging event."""

    def __init__(self, name, level, pathname, lineno, msg, args, exc_info, func=None, sinfo=None):
        self.name = name
        self.msg = msg
        if args and len(args) == 1 and isinstance(args[0], dict) and args[0]:
            args = args[0]
        self.args = args
        self.levelname = getLevelName(level)
        self.levelno = level
        self.pathname = pathname
        self.filename = pathname
        self.module = pathname
        self.exc_info = exc_info
        self.exc_text = None
        self.stack_info = sinfo
        self.lineno = lineno
        self.funcName = func
        self.created = _time.time()
        self.msecs = int((self.created - int(self.created)) * 1000) + 0.0
        self.relativeCreated = (self.created - _start_time) * 1000
        self.thread = 0
        self.threadName = "MainThread"
        self.processName = "MainProcess"
        self.process = 0
        self.taskName = None

    def getMessage(self):
        msg = str(self.msg)
        if self.args:
            msg = msg % self.args
        return msg

    def __repr__(self):
        return '<LogRecord: %s, %s, %s, %s, "%s">' % (self.name, self.levelno, self.pathname, self.lineno, self.msg)


class Formatter:
    """Turns a record into text: fmt with %(name)s-style fields (style '%', the default) or
    {name} fields (style '{'); %(asctime)s by datefmt (default '%Y-%m-%d %H:%M:%S,mmm')."""

    default_time_format = "%Y-%m-%d %H:%M:%S"
    default_msec_format = "%s,%03d"

    def __init__(self, fmt=None, datefmt=None, style="%", validate=True, defaults=None):
        if style not in ("%", "{", "$"):
            raise ValueError("Style must be one of: %,{,$")
        if style == "$":
            raise NotImplementedError("Slope's logging supports '%' and '{' styles")
        self._style = style
        self._fmt = fmt if fmt is not None else ("%(message)s" if style == "%" else "{message}")
        self.datefmt = datefmt
        self._defaults = defaults or {}

    def usesTime(self):
        return ("%(asctime)" in self._fmt) if self._style == "%" else ("{asctime" in self._fmt)

    def formatTime(self, record, datefmt=None):
        ct = _time.localtime(record.created)
        if datefmt:
            return _time.strftime(datefmt, ct)
        s = _time.strftime(self.default_time_format, ct)
        return self.default_msec_format % (s, record.msecs)

    def formatException(self, ei):
        etype, value = ei[0], ei[1]
        return "Traceback (most recent call last):\n%s: %s" % (etype.__name__ if etype is not None else "Exception", value)

    def formatMessage(self, record):
        values = dict(self._defaults)
        values.update(record.__dict__)
        if self._style == "%":
            return self._fmt % values
        return self._fmt.format(**values)

    def format(self, record):
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        s = self.formatMessage(record)
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            if s[-1:] != "\n":
                s = s + "\n"
            s = s + record.exc_text
        return s


_default_formatter = Formatter()


class Filter:
    def __init__(self, name=""):
        self.name = name

    def filter(self, record):
        if not self.name:
            return True
        if self.name == record.name:
            return True
        return record.name.startswith(self.name + ".")


class Filterer:
    def __init__(self):
        self.filters = []

    def addFilter(self, f):
        if f not in self.filters:
            self.filters.append(f)

    def removeFilter(self, f):
        if f in self.filters:
            self.filters.remove(f)

    def filter(self, record):
        for f in self.filters:
            ok = f.filter(record) if hasattr(f, "filter") else f(record)
            if not ok:
                return False
        return True


class Handler(Filterer):
    """Where records go: subclasses define emit(record)."""

    def __init__(self, level=NOTSET):
        Filterer.__init__(self)
        self.level = _check_level(level)
        self.formatter = None
        self.name = None

    def setLevel(self, level):
        self.level = _check_level(level)

    def setFormatter(self, fmt):
        self.formatter = fmt

    def format(self, record):
        return (self.formatter or _default_formatter).format(record)

    def handle(self, record):
        if self.filter(record):
            self.emit(record)
            return True
        return False

    def emit(self, record):
        raise NotImplementedError("emit must be implemented by Handler subclasses")

    def flush(self):
        pass

    def close(self):
        pass

    def handleError(self, record):
        pass


class StreamHandler(Handler):
    """Writes each record, formatted, to a stream (sys.stderr by default)."""

    terminator = "\n"

    def __init__(self, stream=None):
        Handler.__init__(self)
        self.stream = stream

    def _target(self):
        return self.stream if self.stream is not None else sys.stderr

    def emit(self, record):
        msg = self.format(record)
        s = self._target()
        s.write(msg + self.terminator)
        self.flush()

    def flush(self):
        s = self._target()
        if hasattr(s, "flush"):
            s.flush()

    def setStream(self, stream):
        old = self.stream
        self.stream = stream
        return old

    def __repr__(self):
        return "<%s (%s)>" % (self.__class__.__name__, getLevelName(self.level))


class FileHandler(StreamHandler):
    """Appends each record to a file (mode 'a' by default)."""

    def __init__(self, filename, mode="a", encoding=None, delay=False, errors=None):
        self.baseFilename = filename
        self.mode = mode
        StreamHandler.__init__(self, open(filename, mode))

    def close(self):
        if self.stream is not None:
            self.stream.close()
            self.stream = None


class NullHandler(Handler):
    """Drops every record (for libraries)."""

    def handle(self, record):
        return False

    def emit(self, record):
        pass


class _StderrHandler(StreamHandler):
    def __init__(self, level=NOTSET):
        StreamHandler.__init__(self)
        self.level = level


lastResort = _StderrHandler(WARNING)


class Logger(Filterer):
    """A named channel: records at or above its effective level go to its handlers and then,
    while `propagate` holds, to its ancestors'."""

    def __init__(self, name, level=NOTSET):
        Filterer.__init__(self)
        self.name = name
        self.level = _check_level(level)
        self.parent = None
        self.propagate = True
        self.handlers = []
        self.disabled = False

    def setLevel(self, level):
        self.level = _check_level(level)

    def getEffectiveLevel(self):
        logger = self
        while logger is not None:
            if logger.level:
                return logger.level
            logger = logger.parent
        return NOTSET

    def isEnabledFor(self, level):
        if self.disabled or _disable_level >= level:
            return False
        return level >= self.getEffectiveLevel()

    def getChild(self, suffix):
        name = suffix if self is root else self.name + "." + suffix
        return getLogger(name)

    def addHandler(self, h):
        if h not in self.handlers:
            self.handlers.append(h)

    def removeHandler(self, h):
        if h in self.handlers:
            self.handlers.remove(h)

    def hasHandlers(self):
        c = self
        while c is not None:
            if c.handlers:
                return True
            if not c.propagate:
                return False
            c = c.parent
        return False

    def _log(self, level, msg, args, exc_info=None, extra=None, stack_info=False, stacklevel=1):
        if exc_info and not isinstance(exc_info, tuple):
            exc_info = sys.exc_info() if hasattr(sys, "exc_info") else None
            if exc_info is not None and exc_info[0] is None:
                exc_info = None
        record = LogRecord(self.name, level, "<slope>", 0, msg, args, exc_info, None, None)
        if extra:
            for k in extra:
                if k in ("message", "asctime") or k in record.__dict__:
                    raise KeyError("Attempt to overwrite %r in LogRecord" % k)
                setattr(record, k, extra[k])
        self.handle(record)

    def handle(self, record):
        if self.disabled or not self.filter(record):
            return
        self.callHandlers(record)

    def callHandlers(self, record):
        c = self
        found = 0
        while c is not None:
            for h in c.handlers:
                found = found + 1
                if record.levelno >= h.level:
                    h.handle(record)
            if not c.propagate:
                c = None
            else:
                c = c.parent
        if found == 0 and record.levelno >= lastResort.level:
            lastResort.handle(record)

    def debug(self, msg, *args, **kwargs):
        if self.isEnabledFor(DEBUG):
            self._log(DEBUG, msg, args, **kwargs)

    def info(self, msg, *args, **kwargs):
        if self.isEnabledFor(INFO):
            self._log(INFO, msg, args, **kwargs)

    def warning(self, msg, *args, **kwargs):
        if self.isEnabledFor(WARNING):
            self._log(WARNING, msg, args, **kwargs)

    def warn(self, msg, *args, **kwargs):
        self.warning(msg, *args, **kwargs)

    def error(self, msg, *args, **kwargs):
        if self.isEnabledFor(ERROR):
            self._log(ERROR, msg, args, **kwargs)

    def exception(self, msg, *args, exc_info=True, **kwargs):
        self.error(msg, *args, exc_info=exc_info, **kwargs)

    def critical(self, msg, *args, **kwargs):
        if self.isEnabledFor(CRITICAL):
            self._log(CRITICAL, msg, args, **kwargs)

    fatal = critical

    def log(self, level, msg, *args, **kwargs):
        if not isinstance(level, int):
            raise TypeError("level must be an integer")
        if self.isEnabledFor(level):
            self._log(level, msg, args, **kwargs)

    def __repr__(self):
        return "<%s %s (%s)>" % (self.__class__.__name__, self.name, getLevelName(self.getEffectiveLevel()))


class RootLogger(Logger):
    def __init__(self, level):
        Logger.__init__(self, "root", level)

    def __repr__(self):
        return "<RootLogger root (%s)>" % getLevelName(self.getEffectiveLevel())


root = RootLogger(WARNING)
_loggers = {}


def _fix_parents():
    # Each logger's parent is its nearest existing ancestor (CPython's placeholders).
    for name, lg in _loggers.items():
        parent = root
        parts = name.split(".")
        for i in range(len(parts) - 1, 0, -1):
            cand = ".".join(parts[:i])
            if cand in _loggers:
                parent = _loggers[cand]
                break
        lg.parent = parent


def getLogger(name=None):
    """The logger called `name` (made on first use); the root logger without a name."""
    if not name or name == "root" and name not in _loggers:
        return root
    if not isinstance(name, str):
        raise TypeError("A logger name must be a string")
    if name not in _loggers:
        _loggers[name] = Logger(name)
        _fix_parents()
    return _loggers[name]


def basicConfig(**kwargs):
    """Give the root logger a handler (a StreamHandler on `stream`, sys.stderr by default, or a
    FileHandler on `filename`) with a Formatter of `format` (BASIC_FORMAT by default),
    `datefmt` and `style`, and set its `level`; nothing when it has handlers already, unless
    force=True."""
    force = kwargs.pop("force", False)
    if force:
        for h in root.handlers[:]:
            root.removeHandler(h)
            h.close()
    if root.handlers:
        return
    handlers = kwargs.pop("handlers", None)
    filename = kwargs.pop("filename", None)
    filemode = kwargs.pop("filemode", "a")
    stream = kwargs.pop("stream", None)
    if handlers is not None and (filename is not None or stream is not None):
        raise ValueError("'stream' or 'filename' should not be specified together with 'handlers'")
    if filename is not None and stream is not None:
        raise ValueError("'stream' and 'filename' should not be specified together")
    if handlers is None:
        handlers = [FileHandler(filename, filemode) if filename is not None else StreamHandler(stream)]
    style = kwargs.pop("style", "%")
    fmt = kwargs.pop("format", BASIC_FORMAT if style == "%" else "{levelname}:{name}:{message}")
    datefmt = kwargs.pop("datefmt", None)
    level = kwargs.pop("level", None)
    kwargs.pop("encoding", None)
    kwargs.pop("errors", None)
    if kwargs:
        raise ValueError("Unrecognised argument(s): %s" % ", ".join(kwargs.keys()))
    for h in handlers:
        if h.formatter is None:
            h.setFormatter(Formatter(fmt, datefmt, style))
        root.addHandler(h)
    if level is not None:
        root.setLevel(level)


def _auto():
    if not root.handlers:
        basicConfig()


def debug(msg, *args, **kwargs):
    _auto()
    root.debug(msg, *args, **kwargs)


def info(msg, *args, **kwargs):
    _auto()
    root.info(msg, *args, **kwargs)


def warning(msg, *args, **kwargs):
    _auto()
    root.warning(msg, *args, **kwargs)


def warn(msg, *args, **kwargs):
    warning(msg, *args, **kwargs)


def error(msg, *args, **kwargs):
    _auto()
    root.error(msg, *args, **kwargs)


def exception(msg, *args, exc_info=True, **kwargs):
    error(msg, *args, exc_info=exc_info, **kwargs)


def critical(msg, *args, **kwargs):
    _auto()
    root.critical(msg, *args, **kwargs)


fatal = critical


def log(level, msg, *args, **kwargs):
    _auto()
    root.log(level, msg, *args, **kwargs)


def disable(level=CRITICAL):
    """Drop every record at `level` or below, whatever the loggers' levels."""
    global _disable_level
    _disable_level = level


def shutdown():
    for lg in [root] + list(_loggers.values()):
        for h in lg.handlers:
            h.flush()


def captureWarnings(capture):
    pass


def getLoggerClass():
    return Logger
