# logging as CPython's: basicConfig (stream, level, force), the module-level shortcuts, named
# loggers in a hierarchy with levels and propagation, handlers with %- and {}-style formatters,
# level names, logging.disable, LogRecord.getMessage, a bad level's ValueError.
import logging
import sys

logging.warning("to stderr through lastResort-free auto config")  # root gets a stderr handler
logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, force=True)
logging.info("step %d loss %.4f", 3, 0.123456)
logging.debug("debug %s", [1, 2])
log = logging.getLogger("train")
log.info("epoch %d", 1)
log.setLevel(logging.WARNING)
log.info("hidden")
log.warning("warned %s", "x")
print(log.getEffectiveLevel(), logging.getLogger().getEffectiveLevel(), log.isEnabledFor(logging.INFO))
child = logging.getLogger("train.model")
print(child.parent.name, child.getEffectiveLevel())
child.error("child error %r", {"a": 1})

h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("[%(levelname)-8s] %(name)s | %(message)s"))
other = logging.getLogger("other")
other.addHandler(h)
other.propagate = False
other.setLevel(logging.DEBUG)
other.debug("value = %s", 2.5)
other.critical("critical!")

h2 = logging.StreamHandler(sys.stdout)
h2.setFormatter(logging.Formatter("{levelname}/{name}: {message}", style="{"))
braces = logging.getLogger("braces")
braces.addHandler(h2)
braces.propagate = False
braces.warning("braces %d", 7)

print(logging.getLevelName(logging.INFO), logging.getLevelName(25), logging.getLevelName("ERROR"))
logging.addLevelName(25, "NOTICE")
logging.log(25, "notice level")
logging.disable(logging.INFO)
logging.info("disabled")
logging.warning("still shown")
logging.disable(logging.NOTSET)
rec = logging.LogRecord("n", logging.INFO, "p", 1, "%s-%s", ("a", "b"), None)
print(rec.getMessage(), rec.levelname)
try:
    logging.getLogger("x").setLevel("LOUD")
except ValueError as e:
    print("ValueError", e)
print(repr(logging.getLogger("train")), repr(logging.root))
