# Independent reference of the transcript construction in org/besuzkml/transcript/package-info.java,
# with a from-scratch Keccak-256 (Ethereum padding). Prints the vector pinned in
# TranscriptTest.pinnedKnownAnswerVector; a port (e.g. to Solidity) can be checked against it.
# Run: python3 transcript_reference.py
RC=[0x0000000000000001,0x0000000000008082,0x800000000000808A,0x8000000080008000,0x000000000000808B,0x0000000080000001,
0x8000000080008081,0x8000000000008009,0x000000000000008A,0x0000000000000088,0x0000000080008009,0x000000008000000A,
0x000000008000808B,0x800000000000008B,0x8000000000008089,0x8000000000008003,0x8000000000008002,0x8000000000000080,
0x000000000000800A,0x800000008000000A,0x8000000080008081,0x8000000000008080,0x0000000080000001,0x8000000080008008]
ROT=[[0,36,3,41,18],[1,44,10,45,2],[62,6,43,15,61],[28,55,25,21,56],[27,20,39,8,14]]
M=(1<<64)-1
def rol(x,n): return ((x<<n)|(x>>(64-n)))&M if n else x
def f(A):
    for rc in RC:
        C=[A[x][0]^A[x][1]^A[x][2]^A[x][3]^A[x][4] for x in range(5)]
        D=[C[(x-1)%5]^rol(C[(x+1)%5],1) for x in range(5)]
        A=[[A[x][y]^D[x] for y in range(5)] for x in range(5)]
        B=[[0]*5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2*x+3*y)%5]=rol(A[x][y],ROT[x][y])
        A=[[B[x][y]^((~B[(x+1)%5][y])&B[(x+2)%5][y]) for y in range(5)] for x in range(5)]
        A[0][0]^=rc
    return A
def keccak(data):
    rate=136
    p=bytearray(data)+b'\x01'
    while len(p)%rate: p+=b'\x00'
    p[-1]|=0x80
    A=[[0]*5 for _ in range(5)]
    for off in range(0,len(p),rate):
        blk=p[off:off+rate]
        for i in range(rate//8):
            x,y=i%5,i//5
            A[x][y]^=int.from_bytes(blk[8*i:8*i+8],'little')
        A=f(A)
    out=b''
    for i in range(4):
        out+=A[i%5][i//5].to_bytes(8,'little')
    return out
assert keccak(b'').hex()=='c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
r=21888242871839275222246405745257275088548364400416034343698204186575808495617
u32=lambda v:v.to_bytes(4,'big'); u64=lambda v:v.to_bytes(8,'big')
lp=lambda b:u32(len(b))+b
state=keccak(b'\x00'+lp(b'besu-zkml/v1')); pending=b''
def rec(tag,label,body):
    global pending; pending+=bytes([tag])+lp(label)+body
def seed(tag,label,body):
    global state,pending
    rec(tag,label,body); s=keccak(state+pending); state=s; pending=b''; return s
def frs(label,n):
    s=seed(0x10,label,u32(n)); out=[]; t=0
    while len(out)<n:
        b=bytearray(keccak(s+u64(t))); t+=1; b[0]&=0x3f; c=int.from_bytes(b,'big')
        if c<r: out.append(c)
    return out
def index(label,bound):
    s=seed(0x11,label,u64(bound)); mask=(1<<(bound-1).bit_length())-1; t=0
    while True:
        c=int.from_bytes(keccak(s+u64(t))[:8],'big')&mask; t+=1
        if c<bound: return c
rec(0x01,b'model',lp(b'lenet')); rec(0x02,b'layers',u64(7)); rec(0x03,b'claim',(42).to_bytes(32,'big'))
a=frs(b'alpha',1); b=frs(b'beta',2); i=index(b'query',1000)
print(' '.join(x.to_bytes(32,'big').hex() for x in a+b), i)
