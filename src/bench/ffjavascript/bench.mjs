// Peer benchmark: the same kernels as `java -jar target/zkml.jar bench crypto --json`, measured
// with ffjavascript 0.3.1 (snarkjs' WASM engine, all cores through its worker threads).
// Prints one JSON line with the same keys; each value is the median of RUNS runs after warm-up.
import { buildBn128 } from "ffjavascript";
import { randomBytes } from "node:crypto";

const RUNS = Number(process.env.RUNS || 7);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
async function time(fn, runs = RUNS) {
  await fn(); // warm-up
  const xs = [];
  for (let i = 0; i < runs; i++) { const t = process.hrtime.bigint(); await fn(); xs.push(Number(process.hrtime.bigint() - t) / 1e6); }
  return median(xs);
}

const curve = await buildBn128();
const { G1, G2, Fr } = curve;
const out = {};

const P = G1.timesScalar(G1.g, 12345), Q = G2.timesScalar(G2.g, 67890);
out.pairing_ms = await time(() => curve.pairing(P, Q));
// e(P, Q) * e(-P, Q) == 1: two Miller loops, one final exponentiation
out.pairing_check2_ms = await time(async () => { if (!await curve.pairingEq(P, Q, G1.neg(P), Q)) throw new Error("pairingEq"); });

const n = 1 << 16;
const bases = new Uint8Array(n * 64);
let acc = G1.timesScalar(G1.g, 987654321);
const step = G1.timesScalar(G1.g, 1234567);
for (let i = 0; i < n; i++) { bases.set(G1.toAffine(acc), i * 64); acc = G1.add(acc, step); }
const full = randomBytes(n * 32);
for (let i = 0; i < n; i++) full[i * 32 + 31] &= 0x1f; // little-endian, below 2^253 < r
const small = randomBytes(n * 2); // 16-bit scalars, 2 bytes each
out.msm16_ms = await time(() => G1.multiExpAffine(bases, full));
out.msm16_small_ms = await time(() => G1.multiExpAffine(bases, small));

const m = 1 << 20;
const poly = new Uint8Array(m * 32);
for (let i = 0; i < m; i++) poly.set(Fr.e(i * 7 + 3), i * 32);
out.ntt20_ms = await time(() => Fr.fft(poly), 5);

// one Fr multiplication through the JS API (dominated by call overhead; for reference only)
const a = Fr.e(3), b = Fr.e(5);
out.fr_mul_ns = (await time(() => { let x = a; for (let i = 0; i < 100000; i++) x = Fr.mul(x, b); })) * 1e6 / 100000;

out.peer = "ffjavascript 0.3.1";
for (const k of Object.keys(out)) if (typeof out[k] === "number") out[k] = Math.round(out[k] * 100) / 100;
console.log(JSON.stringify(out));
await curve.terminate();
