# Model of arith_mixed_ints.hack: ints wrap at 64 bits; an int with a float is float arithmetic;
# floats print as PHP's precision=14 (%.14G, "E+18" with a ".0" mantissa when whole).
M = 1 << 64
def w(x): return ((x + (1 << 63)) % M) - (1 << 63)
def fmt(v):
    if isinstance(v, int): return str(v)
    s = '%.14G' % v
    if 'E' in s:
        mant, exp = s.split('E')
        if '.' not in mant: mant += '.0'
        e = int(exp); s = '%sE%s%d' % (mant, '+' if e >= 0 else '-', abs(e))
    return s
def arith(a, b, op):
    if isinstance(a, int) and isinstance(b, int): return w(op(a, b))
    return op(float(a), float(b))
def lt(a, b):
    if isinstance(a, int) and isinstance(b, int): return a < b
    return float(a) < float(b)
def eq(a, b):
    if isinstance(a, int) and isinstance(b, int): return a == b
    return float(a) == float(b)
def combine(a, b):
    return ' '.join([fmt(arith(a, b, lambda x, y: x + y)), fmt(arith(a, b, lambda x, y: x - y)),
        fmt(arith(a, b, lambda x, y: x * y)), 'lt' if lt(a, b) else '-',
        'le' if lt(a, b) or eq(a, b) else '-', 'eq' if eq(a, b) else '-',
        'same' if type(a) == type(b) and a == b else '-',
        'nsame' if not (type(a) == type(b) and a == b) else '-'])
mx = (1 << 63) - 1; mn = -(1 << 63)
vals = [0, 1, -7, 3, mx, mn, 1000000007, 2.5]
check = 0
for r in range(300):
    lines = []
    for a in vals:
        for b in vals:
            line = combine(a, b)
            check = (check * 31 + len(line)) % 1000000007
            lines.append(line)
    check = (check + sum(1 for v in vals if lt(v, r - 150))) % 1000000007
print('checksum', check)
for l in lines: print(l)
