M=1<<64
def w(x): return ((x + (1<<63)) % M) - (1<<63)
def shl(a,n): return w(a << (n & 63))
def shr(a,n): return a >> (n & 63)
def dechex(n): return '%x' % (n % M)
out=[]
def popcount(x): return sum(1 for i in range(64) if (shr(x,i)&1)==1)
def bin8(x): return ''.join('1' if (shr(x,i)&1)==1 else '0' for i in range(7,-1,-1))
def reverse_byte(b):
    r=0
    for i in range(8):
        r=shl(r,1)|(b&1); b=shr(b,1)
    return r
def lowest(x): return x & w(-x)
out.append(f"{12&10} {12|10} {12^10} {~12} {~0} {~-1}")
out.append(f"{0xF0&0x3C} {0xF0|0x0F} {0xFF^0xAA} {-1&0xFF}")
out.append(f"{shl(1,10)} {shr(1024,3)} {shr(-1024,3)} {shr(-1,10)} {shl(5,0)}")
out.append(f"{shl(1,62)} {shl(1,63)} {shr(shl(1,63),63)} {shr((1<<63)-1,62)}")
out.append(f"{shl(1,64)} {shl(1,65)} {shl(3,66)} {shr(256,64)} {shr(256,68)}")
n=70
out.append(f"{shl(1,n)} {shr(-64,n)} {shl(7,-1)} {shr(12,-62)}")
out.append(f"precedence: {shl(1+2,3)} {shl(1,2+3)} {(6&3)|8} {6^(3&1)}")
v=1
while v<=255:
    out.append(f"{bin8(v)} rev {bin8(reverse_byte(v))} pop {popcount(v)} low {lowest(v)}")
    v=v*3+1
out.append(f"popcount(-1) {popcount(-1)} popcount(MIN) {popcount(-(1<<63))}")
READ,WRITE,EXEC=1,2,4
perm=READ|EXEC
out.append(f"perm {perm} can write? {'yes' if (perm&WRITE)!=0 else 'no'}")
perm|=WRITE; perm&=~EXEC
out.append(f"perm {perm} can exec? {'yes' if (perm&EXEC)!=0 else 'no'}")
perm^=7
out.append(f"toggled {perm}")
x=1; x=shl(x,20); a=x; x=shr(x,18); b=x; x=shl(x,67); c=x
out.append(f"{a} {b} {c}")
s=88172645463325252
for i in range(4):
    s ^= shl(s,13)
    s ^= shr(s,7) & 0x01FFFFFFFFFFFFFF
    s ^= shl(s,17)
    s=w(s)
    out.append(f"xorshift {i}: {s} {dechex(s)}")
out.append(f"{dechex(-1)} {dechex(shl(1,63))} {dechex(shl(0xDEAD,16))}")
print("\n".join(out))
