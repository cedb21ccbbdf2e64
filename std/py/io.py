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


class TextIOWrapper:
    """A text file opened with open(): read, readline, readlines, iteration over lines, write, writelines, and `with`. The file is UTF-8; reading takes the whole file when it is opened, and every write goes to the file at once."""

    def __init__(self, file, mode='r', encoding=None, newline=None):
        import _fileio
        if not isinstance(file, str):
            raise TypeError(f"expected str, bytes or os.PathLike object, not {type(file).__name__}")
        if not isinstance(mode, str):
            raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
        m = mode.replace('t', '')
        if 'b' in m:
            # help: Slope has no bytes type: read arrays with np.load or slope.safetensors.load_file, text with open(path)
            raise ValueError(f"binary mode '{mode}' is not supported in Slope")
        if len(m) != 1 or m not in 'rwax' or len(set(mode)) != len(mode):
            if '+' in m and len(m) == 2 and m[0] in 'rwax':
                # help: open the file once to read it and again ('w' or 'a') to write it
                raise ValueError(f"update mode '{mode}' is not supported in Slope")
            raise ValueError(f"invalid mode: '{mode}'")
        if encoding is not None and encoding.lower().replace('-', '').replace('_', '') not in ('utf8', 'ascii', 'locale'):
            # help: Slope's text files are UTF-8
            raise LookupError(f"unknown encoding: {encoding}")
        self._io = _fileio
        self.name = file
        self.mode = mode
        self.encoding = 'UTF-8'
        self.newlines = None
        self.closed = False
        self._kind = m
        self._buf = ''
        self._pos = 0
        if m == 'r':
            text = _fileio.read_text(file)
            if newline is None:
                text = text.replace('\r\n', '\n').replace('\r', '\n')
            self._buf = text
        else:
            _fileio.write_text(file, '', m)

    def _check(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')

    def _check_read(self):
        self._check()
        if self._kind != 'r':
            raise OSError('not readable')

    def read(self, size=-1):
        """read(size=-1): the next size characters (all the rest by default)."""
        self._check_read()
        if size is None or size < 0:
            end = len(self._buf)
        else:
            end = min(len(self._buf), self._pos + size)
        out = self._buf[self._pos:end] if self._pos < end else ''
        self._pos = max(self._pos, end)
        return out

    def readline(self, size=-1):
        """readline(size=-1): the next line, with its newline ('' at the end of the file)."""
        self._check_read()
        if self._pos >= len(self._buf):
            return ''
        i = self._buf.find('\n', self._pos)
        end = len(self._buf) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = self._buf[self._pos:end]
        self._pos = end
        return out

    def readlines(self, hint=-1):
        """readlines(hint=-1): the remaining lines, as a list (each with its newline)."""
        self._check_read()
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

    def write(self, s):
        """write(s): write the str s at the end of the file; returns len(s)."""
        self._check()
        if self._kind == 'r':
            raise OSError('not writable')
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        self._io.write_text(self.name, s, 'a')
        return len(s)

    def writelines(self, lines):
        """writelines(lines): write each str of lines (no newlines are added)."""
        self.write(''.join(lines))

    def seek(self, pos, whence=0):
        """seek(pos, whence=0): move the reading position (whence 0: from the start; 2 with pos 0: the end)."""
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek position {pos}")
            self._pos = pos
        elif whence in (1, 2) and pos == 0:
            if whence == 2:
                self._pos = len(self._buf)
        elif whence in (1, 2):
            raise OSError("can't do nonzero cur-relative seeks")
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        """tell(): the reading position."""
        self._check()
        return self._pos

    def flush(self):
        """flush(): nothing to do (writes go to the file at once)."""
        self._check()

    def close(self):
        """close(): reading or writing afterwards is a ValueError."""
        self.closed = True

    def readable(self):
        """readable(): whether the file was opened for reading."""
        self._check()
        return self._kind == 'r'

    def writable(self):
        """writable(): whether the file was opened for writing."""
        self._check()
        return self._kind != 'r'

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

    def __repr__(self):
        return f"<_io.TextIOWrapper name={self.name!r} mode={self.mode!r} encoding='UTF-8'>"


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    """open(file, mode='r', encoding=None, newline=None): a text file (modes 'r', 'w', 'a', 'x'), best used as `with open(path) as f:`; relative paths start at the process's directory."""
    return TextIOWrapper(file, mode, encoding, newline)
