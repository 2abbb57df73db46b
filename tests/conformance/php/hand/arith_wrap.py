M=1<<64
def w(x): return ((x + (1<<63)) % M) - (1<<63)
def tdiv(a,b):
    q=abs(a)//abs(b); return q if (a<0)==(b<0) else -q
def tmod(a,b): return a - tdiv(a,b)*b
def shl(a,n): return w(a << (n & 63))
def shr(a,n): return a >> (n & 63)
def fmt_float(f):
    # PHP precision=14 %.14G
    s='%.14G'%f
    if 'E' in s:
        mant,exp=s.split('E'); 
        if '.' not in mant: mant+='.0'
        e=int(exp); s='%sE%s%d'%(mant,'+' if e>=0 else '-',abs(e))
    return s
LCG_A=6364136223846793005; LCG_C=1442695040888963407
out=[]
mx=(1<<63)-1; mn=-(1<<63)
out.append(f"{mx} {mn}")
out.append(f"{w(mx+1)} {w(mx+mx)} {w(mn-1)} {w(mn+mn)}")
out.append(f"{w(mx*3)} {w(mn*-1)} {w(mn*2)} {w(-mn)}")
c=mx; c=w(c+1); a=str(c); c=w(c-1); b=str(c); c=w(c+10); d=str(c); c=w(c-20); e=str(c)
out.append(f"{a} {b} {d} {e}")
out.append("max+1 wraps to min" if w(mx+1)==mn else "no wrap")
out.append("negative" if w(mx+1)<0 else "positive")
q=mn/-1
out.append(f"{fmt_float(float(-mn))} float")
out.append(f"{0} {tmod(mn,7)} {tmod(mx,7)} {tdiv(mn,2)}")
def fact(n):
    r=1
    for i in range(2,n+1): r=w(r*i)
    return r
for n in range(19,24): out.append(f"{n}! = {fact(n)}")
def fib(n):
    a,b=0,1
    for i in range(n): a,b=b,w(a+b)
    return a
out.append(f"fib(92) = {fib(92)}"); out.append(f"fib(93) = {fib(93)}"); out.append(f"fib(100) = {fib(100)}")
s=42
for i in range(5):
    s=w(w(s*LCG_A)+LCG_C)
    out.append(f"lcg {i}: {s} -> {shr(s,33) & 0xFFFF}")
def djb2(st):
    h=5381
    for ch in st.encode(): h=w(w(shl(h,5)+h)+ch)
    return h
out.append(f"djb2(hello) = {djb2('hello')}")
out.append(f"djb2(the quick brown fox jumps over the lazy dog) = {djb2('the quick brown fox jumps over the lazy dog')}")
p=1
for i in range(64): p=w(p*3)
out.append(f"3^64 wrapped = {p}")
out.append(str(w(w(mx+mx)+2)))
print("\n".join(out))
