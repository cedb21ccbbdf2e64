"""Python's `io` module, the part that needs no files: `StringIO`, an in-memory text stream
(for `json.dump`/`json.load`, `print(file=...)`, and code written against file objects)."""


class StringIO:
    """StringIO(initial_value='', newline='\\n'): an in-memory text stream holding initial_value, positioned at its start."""

    def __init__(self, initial_value='', newline='\n'):
        """StringIO(initial_value='', newline='\\n'): a stream holding initial_value."""
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        if newline is not None and newline not in ('', '\n', '\r', '\r\n'):
            raise ValueError(f"illegal newline value: {newline!r}")
        self._newline = newline
        self._buf = self._translate(initial_value)
        self._pos = 0
        self.closed = False

    def _translate(self, s):
        # On writing: universal newlines (None) store '\n'; '\r' and '\r\n' write those.
        if self._newline is None:
            return s.replace('\r\n', '\n').replace('\r', '\n')
        if self._newline in ('\r', '\r\n'):
            return s.replace('\n', self._newline)
        return s

    def _check(self):
        if self.closed:
            raise ValueError('I/O operation on closed file')

    def write(self, s):
        """write(s): write the str s at the current position; returns len(s)."""
        self._check()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        n = len(s)
        s = self._translate(s)
        if self._pos > len(self._buf):
            self._buf = self._buf + '\0' * (self._pos - len(self._buf))
        self._buf = self._buf[:self._pos] + s + self._buf[self._pos + len(s):]
        self._pos += len(s)
        return n

    def writelines(self, lines):
        """writelines(lines): write each str of lines (no newlines are added)."""
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        """read(size=-1): the next size characters (all the rest by default)."""
        self._check()
        if size is None or size < 0:
            end = len(self._buf)
        else:
            end = min(len(self._buf), self._pos + size)
        out = self._buf[self._pos:end] if self._pos < end else ''
        self._pos = max(self._pos, end)
        return out

    def readline(self, size=-1):
        """readline(size=-1): the next line, with its newline ('' at the end)."""
        self._check()
        if self._pos >= len(self._buf):
            return ''
        i = self._buf[self._pos:].find('\n')
        end = len(self._buf) if i < 0 else self._pos + i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = self._buf[self._pos:end]
        self._pos = end
        return out

    def readlines(self, hint=-1):
        """readlines(hint=-1): the remaining lines, as a list."""
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def getvalue(self):
        """getvalue(): everything the stream holds, whatever the position."""
        self._check()
        return self._buf

    def seek(self, pos, whence=0):
        """seek(pos, whence=0): move to pos (from the start; whence=1 and 2 take only 0: the current position and the end)."""
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"Negative seek position {pos}")
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                # CPython's message, also for end-relative seeks.
                raise OSError("Can't do nonzero cur-relative seeks")
            self._pos = len(self._buf)
        else:
            raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        """tell(): the current position."""
        self._check()
        return self._pos

    def truncate(self, size=None):
        """truncate(size=None): cut the stream to size characters (the current position by default); returns the new size."""
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f"Negative size value {size}")
        self._buf = self._buf[:size]
        return size

    def flush(self):
        """flush(): nothing to do for a stream in memory."""
        self._check()

    def close(self):
        """close(): free the buffer; reading or writing afterwards is a ValueError."""
        self.closed = True

    def readable(self):
        """readable(): True."""
        self._check()
        return True

    def writable(self):
        """writable(): True."""
        self._check()
        return True

    def seekable(self):
        """seekable(): True."""
        self._check()
        return True

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()
        return False
