# __slots__ in a subclass shadows a base class's property of the same name (autodidax's
# JaxprTracer: `__slots__ = ['aval']` under Tracer's `aval` property).
class Tracer:
    __slots__ = ["_trace"]

    @property
    def aval(self):
        raise AssertionError("must override")

    def describe(self):
        return f"{type(self).__name__} with {self.aval}"


class JaxprTracer(Tracer):
    __slots__ = ["aval"]

    def __init__(self, trace, aval):
        self._trace = trace
        self.aval = aval


class JVPTracer(Tracer):
    def __init__(self, primal):
        self.primal = primal

    @property
    def aval(self):
        return f"aval of {self.primal}"


t = JaxprTracer("trace", "f32[3]")
print(t.aval, t.describe())
t.aval = "f32[4]"
print(t.aval, JVPTracer(2.0).describe())
try:
    Tracer().aval
except AssertionError as e:
    print("AssertionError:", e)
