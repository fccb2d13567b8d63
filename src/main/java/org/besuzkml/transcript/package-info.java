/**
 * The Fiat-Shamir transcript ({@link org.besuzkml.transcript.Transcript}): turns the prover's
 * messages into the verifier's random challenges with Keccak-256. Prover and verifier run the same
 * code; this page is the normative byte-level specification, detailed enough to re-implement it
 * (for example in Solidity: {@code keccak256(abi.encodePacked(...))}).
 *
 * <h2>Notation</h2>
 * <ul>
 *   <li>{@code H(x)}: Keccak-256 as used by Ethereum (original Keccak padding 0x01, not SHA3-256),
 *       32-byte output. {@code ||} is byte concatenation.
 *   <li>{@code u32(v)}, {@code u64(v)}: 4 and 8 bytes, big-endian, unsigned.
 *   <li>{@code lp(b) = u32(len(b)) || b}. Labels are strings encoded as UTF-8 without terminator.
 *   <li>{@code be32(x)}: the canonical 32-byte big-endian encoding of a field element (value below
 *       the modulus, out of Montgomery form), for Fr and Fq alike.
 * </ul>
 *
 * <h2>State</h2>
 * A transcript holds a 32-byte {@code state} and a byte string {@code pending}.
 * Initially {@code state = H(0x00 || lp(protocolLabel))} and {@code pending} is empty;
 * {@code protocolLabel} is {@code "besu-zkml/v1"} for this format.
 *
 * <h2>Absorbing</h2>
 * Each absorb appends one record to {@code pending}. A record is a one-byte tag, the label, and a
 * body whose length the tag fixes or a prefix states, so any sequence of records parses uniquely
 * (absorbing "ab" then "c" differs from "a" then "bc").
 * <pre>
 *   0x01 bytes       0x01 || lp(label) || lp(data)
 *   0x02 u64         0x02 || lp(label) || u64(value)
 *   0x03 Fr          0x03 || lp(label) || be32(x)
 *   0x04 Fr vector   0x04 || lp(label) || u32(count) || be32(x_0) || ... || be32(x_(count-1))
 *   0x05 Fq          0x05 || lp(label) || be32(x)
 *   0x06 G1 point    0x06 || lp(label) || 64 bytes  (x || y, big-endian; infinity = 64 zero bytes)
 *   0x07 G2 point    0x07 || lp(label) || 128 bytes (EIP-197: x_im || x_re || y_im || y_re)
 *   0xff malformed   0xff || lp(label)   (a call with malformed arguments; see below)
 * </pre>
 * Point encodings are absorbed as given (the caller has validated or produced them).
 *
 * <h2>Squeezing</h2>
 * A challenge appends its own record, then hashes everything:
 * <pre>
 *   Fr challenges:  record = 0x10 || lp(label) || u32(n)        (n = 1 for a single challenge)
 *   index in [0,b): record = 0x11 || lp(label) || u64(b)
 *   seed    = H(state || pending || record)
 *   state   = seed;  pending = empty
 *   block_t = H(seed || u64(t))          for t = 0, 1, 2, ...
 * </pre>
 * <b>Fr elements</b> (n of them, in order) read successive blocks, the counter t running on across
 * elements: clear the two top bits of {@code block_t} ({@code block_t[0] &= 0x3f}), read it as a
 * big-endian 254-bit integer c, and accept c as the element if {@code c < r} (Fr's modulus); otherwise
 * take the next block. Since {@code r > 2^253.6}, a block is accepted with probability about 0.76,
 * and the result is exactly uniform: there is no modular bias. If 256 blocks in a row are rejected
 * (probability below 2^-500, never expected) the element is {@code c mod r} of the 256th block, so
 * the work is bounded.
 *
 * <p><b>An index below b</b> ({@code b >= 1}) reads blocks t = 0, 1, ...: the first 8 bytes of
 * {@code block_t} as a big-endian u64, ANDed with {@code 2^bitlen(b-1) - 1} (0 for b = 1), accepted
 * when below b; after 256 rejections (probability below 2^-256) it is that value mod b.
 *
 * <p>Domain separation between the two uses of H after a challenge: block inputs are exactly 40
 * bytes {@code seed || u64(t)} whose 33rd byte is 0x00 for every t below 2^56, while the next seed's
 * input continues after the seed with a record tag in 0x01..0xff and is at least 41 bytes long.
 * The initial hash has no state prefix and a tag of its own (0x00).
 *
 * <h2>Malformed calls</h2>
 * Nothing throws. A call with a null array or label, an offset or count outside the array, a point
 * encoding of the wrong length, {@code n < 0} or {@code n > 2^20} challenges, or an index bound
 * {@code <= 0} appends {@code 0xff || lp(label)} (a null label counts as empty) and sets a sticky
 * flag, {@code isMalformed()}, that the verifier checks before accepting; challenges requested by
 * such a call are not produced (nothing is written; an index challenge returns 0).
 *
 * <p>Dependencies: the JDK, BouncyCastle's {@code KeccakDigest}, and {@code org.besuzkml.field} for
 * the canonical encodings. Deterministic; verifier-side code.
 */
package org.besuzkml.transcript;
