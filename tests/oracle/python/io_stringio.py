# io.StringIO as CPython's: writing, reading, lines, seeking, truncating, newline translation,
# closing, `with`, iteration, and json.dump/json.load through it.
import io
import json

s = io.StringIO()
print(s.write("hello\n"), s.write("world"), s.tell(), repr(s.getvalue()))
print(s.seek(0), repr(s.read(3)), s.tell(), repr(s.read()), repr(s.read()), s.tell())
s.seek(2)
s.write("LL")
print(repr(s.getvalue()), s.tell())
s.seek(20)
s.write("!")
print(len(s.getvalue()), s.getvalue().count("\0"), repr(s.getvalue()[-2:].replace("\0", "0")))
print(s.truncate(5), repr(s.getvalue()), s.tell(), s.seek(0, 2), s.seek(0, 1))

t = io.StringIO("line one\nline two\n\nlast")
print(repr(t.readline()), repr(t.readline(4)), repr(t.readline()), t.readlines())
t.seek(0)
print([line for line in t], repr(t.readline()))
t.seek(0)
print(t.readlines(10))

u = io.StringIO("a\r\nb\rc\n", newline=None)
print(repr(u.getvalue()), repr(io.StringIO("x\ny", newline="\r\n").getvalue()))

buf = io.StringIO()
buf.write("written, 1, 2.5\n")
buf.writelines(["x", "y\n"])
print(repr(buf.getvalue()), buf.readable(), buf.writable(), buf.seekable())

with io.StringIO("in a with block") as w:
    print(w.read(4), w.closed)
print(w.closed)

out = io.StringIO()
json.dump({"b": [1, 2.5, None], "a": "x"}, out, indent=2, sort_keys=True)
print(out.getvalue())
out.seek(0)
print(json.load(out))
print(json.load(io.StringIO('{"k": [true, false]}')))


def attempt(label, f, *args):
    try:
        print(label, "->", repr(f(*args)))
    except TypeError as e:
        print(label, "-> TypeError:", e)
    except ValueError as e:
        print(label, "-> ValueError:", e)
    except OSError as e:
        print(label, "-> OSError:", e)


c = io.StringIO("x")
attempt("write int", c.write, 5)
attempt("seek negative", c.seek, -1)
attempt("seek cur nonzero", c.seek, 1, 1)
attempt("seek end nonzero", c.seek, -1, 2)
attempt("bad initial", io.StringIO, 5)
c.close()
attempt("read closed", c.read)
attempt("write closed", c.write, "x")
attempt("getvalue closed", c.getvalue)
