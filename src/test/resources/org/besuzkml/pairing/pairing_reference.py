# Independent slow reference: affine optimal ate pairing over Fq[w]/(w^12 - 18 w^6 + 82).
q = 21888242871839275222246405745257275088696311157297823662689037894645226208583
r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
x = 4965661367192848881
LOOP = 6 * x + 2

def pmul(a, b):
    c = [0] * 23
    for i in range(12):
        if a[i]:
            for j in range(12):
                c[i + j] += a[i] * b[j]
    for k in range(22, 11, -1):
        c[k - 6] += 18 * c[k]
        c[k - 12] -= 82 * c[k]
    return [v % q for v in c[:12]]

def padd(a, b): return [(u + v) % q for u, v in zip(a, b)]
def psub(a, b): return [(u - v) % q for u, v in zip(a, b)]
def const(c): return [c % q] + [0] * 11
ONE = const(1)

def ppow(a, e):
    acc = ONE
    for bit in bin(e)[2:]:
        acc = pmul(acc, acc)
        if bit == '1':
            acc = pmul(acc, a)
    return acc

def pinv(a):
    # Fermat in Fq12: a^(q^12 - 2)
    return ppow(a, q ** 12 - 2)

def fq2_to_fq12(re, im):
    # re + im*u with u = w^6 - 9
    c = [0] * 12
    c[0] = (re - 9 * im) % q
    c[6] = im % q
    return c

W = [0, 1] + [0] * 10
W2 = pmul(W, W)
W3 = pmul(W2, W)

def untwist(Q):
    (xr, xi), (yr, yi) = Q
    return (pmul(fq2_to_fq12(xr, xi), W2), pmul(fq2_to_fq12(yr, yi), W3))

def is_zero(a): return all(v == 0 for v in a)

def line(P1, P2, T):
    x1, y1 = P1; x2, y2 = P2; xt, yt = T
    if x1 != x2:
        m = pmul(psub(y2, y1), pinv(psub(x2, x1)))
        return psub(pmul(m, psub(xt, x1)), psub(yt, y1))
    elif y1 == y2:
        m = pmul(pmul(const(3), pmul(x1, x1)), pinv(pmul(const(2), y1)))
        return psub(pmul(m, psub(xt, x1)), psub(yt, y1))
    else:
        return psub(xt, x1)

def ec_add(P1, P2):
    if P1 is None: return P2
    if P2 is None: return P1
    x1, y1 = P1; x2, y2 = P2
    if x1 == x2 and y1 == y2:
        m = pmul(pmul(const(3), pmul(x1, x1)), pinv(pmul(const(2), y1)))
    elif x1 == x2:
        return None
    else:
        m = pmul(psub(y2, y1), pinv(psub(x2, x1)))
    nx = psub(psub(pmul(m, m), x1), x2)
    ny = psub(pmul(m, psub(x1, nx)), y1)
    return (nx, ny)

def pairing(Q, P):
    Qt = untwist(Q)
    Pt = (const(P[0]), const(P[1]))
    R = Qt
    f = ONE
    for bit in bin(LOOP)[3:]:
        f = pmul(pmul(f, f), line(R, R, Pt))
        R = ec_add(R, R)
        if bit == '1':
            f = pmul(f, line(R, Qt, Pt))
            R = ec_add(R, Qt)
    Q1 = (ppow(Qt[0], q), ppow(Qt[1], q))
    nQ2 = (ppow(Q1[0], q), [(-v) % q for v in ppow(Q1[1], q)])
    f = pmul(f, line(R, Q1, Pt))
    R = ec_add(R, Q1)
    f = pmul(f, line(R, nQ2, Pt))
    return ppow(f, (q ** 12 - 1) // r)

G1 = (1, 2)
G2 = ((10857046999023057135944570762232829481370756359578518086990519993285655852781,
       11559732032986387107991004021392285783925812861821192530917403151452391805634),
      (8495653923123431417604973247489272438418190587263600148770280649306958101930,
       4082367875863433681332203403145435568316851327593401208105741076214120093531))
e = pairing(G2, G1)
print("e(G1,G2) coefficients over w^0..w^11:")
for v in e:
    print(hex(v))
