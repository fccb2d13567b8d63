/**
 * The BN254 optimal ate pairing e: G1 x G2 -> GT subset Fq12*, and multi-pairing product checks.
 *
 * <h2>Curve parameters</h2>
 *
 * BN254 (alt_bn128) is the Barreto-Naehrig curve E: y^2 = x^3 + 3 over Fq with parameter
 * {@code x = 4965661367192848881} (positive): q = 36x^4 + 36x^3 + 24x^2 + 6x + 1, r = 36x^4 + 36x^3
 * + 18x^2 + 6x + 1, trace t = 6x^2 + 1, embedding degree 12. G2 lives on the D-type sextic twist
 * E': y^2 = x^3 + b', b' = 3/xi, xi = 9 + u, untwisted by (x, y) -> (x w^2, y w^3) with w^6 = xi
 * (tower in {@link org.besuzkml.field.Fq12}).
 *
 * <h2>Miller loop ({@link org.besuzkml.pairing.MillerLoop})</h2>
 *
 * e(P, Q) = (f_{6x+2,Q}(P) * l_{[6x+2]Q, psi(Q)}(P) * l_{[6x+2]Q + psi(Q), -psi^2(Q)}(P))^((q^12-1)/r),
 * where psi is the q-power Frobenius carried to the twist. The loop runs over the 66-digit
 * non-adjacent form of 6x + 2 = 29793968203157093288 (22 non-zero digits; -1 digits add -Q). T is
 * kept in homogeneous projective coordinates (X : Y : Z) on E'; the doubling and addition steps of
 * Costello-Lange-Naehrig / Aranha-Karabina-Longa-Gebotys-Lopez (2011) give, after clearing
 * denominators that lie in Fq2 (and so vanish under the final exponentiation):
 *
 * <pre>
 *   tangent:  -2YZ*yP + 3X^2*xP w + (3b'Z^2 - Y^2) w^3
 *   chord:    -lambda*yP + theta*xP w + (lambda*y2 - theta*x2) w^3,  theta = Y - y2 Z, lambda = X - x2 Z
 * </pre>
 *
 * (the chord is taken times -1, an Fq factor, so that both kinds read A*(-yP) + B*xP w + C w^3).
 * The coefficients (A, B, C) do not depend on P: {@code Pairing.prepare} records the 88 lines of a
 * G2 point once (about 17 KB) and {@code pairingCheckPrepared} then only evaluates them, which
 * suits points paired again and again (a verifying key's G2 elements).
 *
 * a sparse Fq12 element (coefficients of w^0, w^1, w^3) multiplied into the accumulator with 13 Fq2
 * multiplications. For n pairs the accumulator is shared: one Fq12 squaring per digit for all
 * pairs. Pairs with an infinity point are skipped (they contribute 1).
 *
 * <h2>Final exponentiation ({@link org.besuzkml.pairing.FinalExponentiation})</h2>
 *
 * (q^12 - 1)/r = (q^6 - 1)(q^2 + 1) * (q^4 - q^2 + 1)/r. Easy part: f^(q^6-1) = conj(f) * f^-1 (the
 * only inversion), then g = h^(q^2) * h. Now g is in the cyclotomic subgroup: inversion is
 * conjugation and squaring is Granger-Scott. Hard part (Scott, Benger, Charlemagne, Dominguez Perez,
 * Kachisa 2009): (q^4 - q^2 + 1)/r = l0 + l1 q + l2 q^2 + q^3 with l2 = 6x^2 + 1, l1 = -36x^3 - 18x^2
 * - 12x + 1, l0 = -36x^3 - 30x^2 - 18x - 2 (exact; checked by a test). With g^x, g^(x^2), g^(x^3)
 * from three NAF exponentiations by x:
 *
 * <pre>
 *   y0 = g^(q + q^2 + q^3)     y1 = g^-1                  y2 = (g^(x^2))^(q^2)
 *   y3 = ((g^x)^q)^-1          y4 = (g^x (g^(x^2))^q)^-1  y5 = (g^(x^2))^-1
 *   y6 = (g^(x^3) (g^(x^3))^q)^-1
 *   result = y0 * y1^2 * y2^6 * y3^12 * y4^18 * y5^30 * y6^36, through the chain
 *   T0 = y6^2 y4 y5;  T1 = y3 y5 T0;  T0 = T0 y2;  T1 = (T1^2 T0)^2;
 *   T0 = T1 y1;  T1 = T1 y0;  result = T0^2 T1
 * </pre>
 *
 * No BigInteger power is ever taken; the result equals f^((q^12-1)/r) exactly (tested against a
 * generic power), so GT values are the standard ones.
 *
 * <h2>Contract</h2>
 *
 * Inputs must be valid (on the curve; Q in G2): the decoders in {@link org.besuzkml.curve} and
 * {@link org.besuzkml.precompile.AltBn128} check that. The arithmetic is total: no input makes it
 * throw. Work is bounded: per pair, a fixed number of field operations. Scratch memory is
 * allocated once per call, never per field operation.
 *
 * <p>Depends only on the JDK, {@link org.besuzkml.field} and {@link org.besuzkml.curve}.
 */
package org.besuzkml.pairing;
