# os and os.path as CPython's on POSIX: path arithmetic (posixpath), the file system, the
# environment, and FileExistsError/FileNotFoundError.
import os
import os.path
from os.path import join, split

print(join("a", "b", "c"), join("/a", "/b", "c"), join("a/", "b"), join("", "x"), join("a", ""), join("a"))
for p in ["", "/", "//", "///", "a", "a/", "/a/b", "a/b/", "a//b", "/a/b/../c/./d", "../x", "a/../..", ".bashrc", "a/.b.c",
          "x.tar.gz", "/a.b/c", "..", "...", "a.", "//a//b", "./", "a/./b/.", "/..", "~user"]:
    print(repr(p), split(p), os.path.splitext(p), repr(os.path.basename(p)), repr(os.path.dirname(p)),
          repr(os.path.normpath(p)), os.path.isabs(p))
print(os.path.abspath("x/../y") == join(os.getcwd(), "y"), os.path.abspath("/a/./b/") == "/a/b")
print(os.path.expanduser("~/data") == join(os.environ["HOME"], "data"), os.path.expanduser("x~"))
print(os.path.expanduser("~no_such_user_slope/a"), os.path.expanduser("~") == os.environ["HOME"])
print(os.path.exists("os_path.py"), os.path.isfile("os_path.py"), os.path.isdir("os_path.py"), os.path.exists("nope.txt"),
      os.path.isdir("."), os.path.isdir(".."), os.path.islink("os_path.py"), os.path.getsize("os_path.py") > 100)
print("os_path.py" in os.listdir("."), "os_path.py" in os.listdir(), sorted(os.listdir("."))[:0])
print(os.sep, os.path.sep, os.pathsep, os.name, os.curdir, os.pardir, repr(os.linesep))
print(os.getenv("HOME") == os.environ["HOME"], os.getenv("NO_SUCH_VAR_SLOPE"), os.getenv("NO_SUCH_VAR_SLOPE", "dflt"))
os.environ["SLOPE_ORACLE_VAR"] = "set here"
print(os.getenv("SLOPE_ORACLE_VAR"), os.environ.get("SLOPE_ORACLE_VAR"))
print(os.path.relpath("/a/b/c", "/a/d"), os.path.relpath("/a", "/a"), os.path.relpath("x/y"), os.path.relpath("/a/b", "/"))

root = join("/tmp", "slope_oracle_os_path_" + str(os.getpid()))
d = join(root, "sub", "dir")
os.makedirs(d, exist_ok=True)
os.makedirs(d, exist_ok=True)
try:
    os.makedirs(d)
except FileExistsError as e:
    print("FileExistsError", str(e).replace(root, "ROOT"))
try:
    os.mkdir(join(root, "sub"))
except OSError as e:
    print("OSError", str(e).replace(root, "ROOT"))
os.mkdir(join(root, "other"))
print(sorted(os.listdir(root)), os.path.isdir(d), os.listdir(d))
os.rename(join(root, "other"), join(root, "renamed"))
print(sorted(os.listdir(root)))
os.rmdir(join(root, "renamed"))
os.rmdir(d)
os.rmdir(os.path.dirname(d))
os.rmdir(root)
print(os.path.exists(root))
for f, arg in [(os.listdir, "/no/such/dir"), (os.rmdir, "/no/such/dir"), (os.remove, "/no/such/file"), (os.path.getsize, "/no/such")]:
    try:
        f(arg)
    except FileNotFoundError as e:
        print("FileNotFoundError", e)
try:
    os.listdir("os_path.py")
except NotADirectoryError as e:
    print("NotADirectoryError", e)
except OSError as e:
    print("OSError", e)
