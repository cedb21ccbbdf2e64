# sys as CPython's: argv, the streams, exit as a SystemExit that `except Exception` does not
# catch, and the interpreter's facts (maxsize, float_info, version_info, platform).
import sys

print(len(sys.argv), sys.argv[0].endswith("sys_module.py"))
print(sys.maxsize, repr(sys.float_info.epsilon), repr(sys.float_info.max), repr(sys.float_info.min))
print(sys.float_info.dig, sys.float_info.mant_dig, sys.float_info.max_exp, sys.float_info.min_exp, sys.float_info.radix)
print(sys.float_info.max_10_exp, sys.float_info.min_10_exp, sys.float_info.rounds)
print(sys.platform, sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info[0], sys.byteorder)
print(sys.version.split()[0].startswith("3.11"))
n = sys.stdout.write("written with write\n")
print(n, sys.stdout.write(""))
sys.stdout.flush()
sys.stderr.write("to stderr\n")
sys.stderr.flush()
print("to stderr too", file=sys.stderr)
print("to stdout", file=sys.stdout)
for code in [3, 0, None, "a message", True]:
    try:
        sys.exit(code)
    except SystemExit as e:
        print("SystemExit", repr(str(e)))
try:
    try:
        sys.exit(2)
    except Exception:
        print("wrong: Exception caught SystemExit")
except SystemExit as e:
    print("outer SystemExit", e)
try:
    raise SystemExit(7)
except BaseException as e:
    print("BaseException", e)
print(sys.getrecursionlimit() >= 900)


def f():
    sys.exit(0)


try:
    f()
finally:
    print("finally runs")
print("not reached")
