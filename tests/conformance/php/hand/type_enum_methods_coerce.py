# Model of HHVM's BuiltinEnum isValid/coerce/assert/getNames (ext_enum.cpp, enum-util.cpp, enum-cache.cpp)
import re
INT_MAX = 2**63 - 1
def strictly_int(s):
    # StringData::isStrictlyInteger: optional '-', digits, no leading zero (but "0"), fits in int64, not "-0"
    if not re.fullmatch(r'-?(0|[1-9][0-9]*)', s): return None
    if s == '-0': return None
    n = int(s)
    if n > INT_MAX or n < -INT_MAX - 1: return None
    return n
class Enum:
    def __init__(self, name, base, consts):
        self.name, self.base, self.consts = name, base, consts
        self.names = {}
        for k, v in consts:
            key = v
            if isinstance(v, str) and strictly_int(v) is not None: key = strictly_int(v)
            self.names[key] = k
    def is_valid(self, x):
        if isinstance(x, bool) or not isinstance(x, (int, str)): return False
        if isinstance(x, str) and strictly_int(x) is not None: return strictly_int(x) in self.names
        return x in self.names
    def coerce(self, x):
        if isinstance(x, bool) or not isinstance(x, (int, str)): return None
        res = x
        if isinstance(x, str) and strictly_int(x) is not None: res = strictly_int(x)
        if res not in self.names: return None
        if self.base == 'string':
            return str(res) if isinstance(res, int) else res
        if self.base == 'int': return res
        return x
def show(v):
    if v is None: return "null"
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, int): return "int(%d)" % v
    if isinstance(v, str): return "string(%s)" % v
    if isinstance(v, float): return "double"
E = Enum('E', 'int', [('X', 1), ('Y', 2), ('Z', 30)])
S = Enum('S', 'string', [('P', 'p'), ('Q', 'q'), ('N', '5')])
AK = Enum('AK', None, [('I', 1), ('T', 'two'), ('F', '4')])
Dup = Enum('Dup', 'int', [('A', 10), ('B', 11), ('C', 10)])
inputs = [1, "1", 2, "2", 30, "30", 3, "3", "01", " 1", "1 ", 1.0, True, None, 'p', 'P', 5, "5", 'two', 4, "4"]
out = []
for en in (E, S, AK):
    out.append(en.name)
    for x in inputs:
        out.append("  %s: isValid=%s coerce=%s" % (show(x), show(en.is_valid(x)), show(en.coerce(x))))
out.append("%s %s %s" % (show(E.coerce("2")), show(S.coerce(5)), show(AK.coerce("1"))))
out.append("x is not a valid value for E")
for k, v in S.names.items(): out.append("%s => %s" % (show(k), v))
for k, v in AK.names.items(): out.append("%s => %s" % (show(k), v))
for k, v in Dup.consts: out.append("%s => %s" % (k, v))
assert len(Dup.names) != len(Dup.consts)
out.append("HH\\InvariantException: Enum has overlapping values")
out.append("%s %s" % (show(Dup.is_valid(10)), show(Dup.coerce("11"))))
n = 0
for i in range(2000):
    if E.is_valid(str(i % 40)): n += 1
    if S.coerce(i % 10) is not None: n += 100
out.append(str(n))
print("\n".join(out))
