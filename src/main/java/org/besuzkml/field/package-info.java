/**
 * Prime fields of the BN254 (alt_bn128) curve, the arithmetic under every other cryptographic package.
 *
 * <h2>What it holds</h2>
 *
 * <ul>
 *   <li>{@link org.besuzkml.field.Fq}: the base field, modulus {@code q =
 *       21888242871839275222246405745257275088696311157297823662689037894645226208583} (254 bits,
 *       {@code q - 1} has 2-adicity 1). Curve coordinates live here.
 *   <li>{@link org.besuzkml.field.Fr}: the scalar field, modulus {@code r =
 *       21888242871839275222246405745257275088548364400416034343698204186575808495617} (254 bits,
 *       2-adicity 28, so NTTs up to 2^28 points). Every proof computes here.
 *   <li>The extension tower over Fq used by G2 and the pairing (Fq2, Fq6, Fq12) also lives in this
 *       package; each of those classes documents its own construction.
 * </ul>
 *
 * <p>With the BN parameter {@code x = 4965661367192848881}: {@code q = 36x^4 + 36x^3 + 24x^2 + 6x + 1}
 * and {@code r = 36x^4 + 36x^3 + 18x^2 + 6x + 1}.
 *
 * <h2>Representation and kernel conventions</h2>
 *
 * <ul>
 *   <li>An element {@code a} is stored as the integer {@code a * 2^256 mod m} (Montgomery form) in four
 *       little-endian 64-bit limbs, inside a caller-owned {@code long[]} at a limb offset. Vectors are
 *       flat arrays ({@code 4n} longs for n elements); no object exists per element.
 *   <li>Kernels are static methods {@code op(r, ro, a, ao, b, bo)} writing the result at {@code r[ro..ro+3]};
 *       the output may alias any input. Inputs must be fully reduced (stored integer below m) and every
 *       kernel returns fully reduced values, so limb equality is field equality.
 *   <li>add, sub, neg, dbl, mul and sqr allocate nothing and contain no data-dependent branch. inv (a
 *       binary extended GCD), batchInv, pow, sqrt and legendre run in time that depends on their inputs,
 *       which is acceptable because nothing here handles secrets on the verifier side.
 *   <li>Encodings are 32-byte big-endian canonical integers; {@code fromBytes} rejects (returns false for)
 *       any value at or above the modulus instead of reducing it.
 *   <li>Double-width primitives ({@code mulWide}, {@code reduceWide}, {@code addWide}, {@code subWide},
 *       {@code addNoReduce}) expose the unreduced 512-bit product and the Montgomery reduction, so that an
 *       extension field can reduce a sum of products once. A wide value is an integer below {@code m*2^256}.
 *   <li>The one word primitive the kernels take from the JDK, the high half of an unsigned 64x64-bit
 *       product, sits in the package-private {@code Mul64}: portable (release 17) in the base classes,
 *       {@code Math.unsignedMultiplyHigh} in the copy under {@code META-INF/versions/21} that JDK 21+
 *       loads from the multi-release jars (pom.xml, profile jdk21-kernels). Both are branch-free and
 *       return the same bits.
 * </ul>
 *
 * <h2>Tower shortcuts</h2>
 *
 * <p>The extension kernels lean on two facts about Fq, both pinned by {@code Fq2KernelTest}: Fq.mul is
 * correct for inputs below 2m (their product is below 4m^2 < m*2^256, so the Montgomery result is below
 * 2m before its final conditional subtraction), which lets Fq2.mul/sqr feed unreduced sums such as
 * c0 + c1 or c0 + m - c1 to the multiplier; and a small linear combination such as 9c0 - c1 + b0 (the
 * product by xi = 9 + u, fused with an addition) or 3x - 2z (Granger-Scott) can be formed as a five-limb
 * integer and reduced once, with a quotient estimate from its top six bits, instead of through a chain of
 * modular additions. Fq2.mul keeps its three Karatsuba products wide and reduces twice (mulWide,
 * reduceWide). Lazy reduction one floor higher (Fq6 products reduced once per coefficient) was measured
 * slower here: the wide additions cost more in Java, without add-with-carry, than the reductions saved.
 *
 * <h2>How the kernels are built</h2>
 *
 * <p>Fq.java and Fr.java are generated from one template ({@code src/main/codegen/PrimeField.java.tmpl}) by
 * {@code PrimeFieldGenerator} (test sources), which derives every constant from the modulus and emits the
 * unrolled multiplication bodies; {@code GeneratedFieldsTest} fails if the checked-in files are stale. Edit
 * the template or the generator, never the generated files. Both moduli are below 2^254, which the kernels
 * rely on: the interleaved Montgomery reduction ends below 2m (one conditional subtraction), the sum of two
 * elements fits in four limbs, and the top limb of an element is below 2^62. Multiplication sums each column
 * of the product lazily (the upper 32-bit halves separately), because Java has no add-with-carry and a
 * carry test per addition costs as much as the multiplications; the template explains the scheme.
 *
 * <h2>Dependencies</h2>
 *
 * <p>{@code java.base} only. This package is verifier-side consensus code: deterministic, no floating point,
 * no allocation in the arithmetic kernels.
 */
package org.besuzkml.field;
