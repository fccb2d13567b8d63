/**
 * Multi-scalar multiplication over BN254 G1: {@code Q = sum_i k_i P_i}, the prover's hot path
 * (every KZG commitment is one).
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li><b>Signed scalars.</b> An Fr scalar k is read as the signed value in {@code (-r/2, r/2)}
 *       (k or k - r), kept as a magnitude and a sign; the sign is applied to the point (negating an
 *       affine point is free). Small negative activations stored as Fr elements therefore have
 *       small magnitudes, and the bit width b of the largest magnitude sets the number of windows:
 *       the small-scalar fast path is automatic. {@link org.besuzkml.msm.Msm#msmSmall} takes
 *       signed {@code long}s directly.
 *   <li><b>GLV</b> (full-width scalars, when the cost model says it pays). With the endomorphism
 *       {@code phi(x, y) = (beta x, y) = [lambda](x, y)}, each scalar splits as {@code k = k1 + k2
 *       lambda} with |k1|, |k2| below 2^127: n points of 253 bits become 2n points (P_i and
 *       phi(P_i)) of 127 bits. This halves the windows, so it halves the bucket reductions while
 *       the number of bucket additions stays the same.
 *   <li><b>Signed-digit windows.</b> Each magnitude is recoded in base 2^c with digits in {@code
 *       [-2^(c-1), 2^(c-1)]} (a digit above 2^(c-1) becomes {@code digit - 2^c} and carries one),
 *       {@code W = ceil((b + 1) / c)} windows. A window needs 2^(c-1) buckets, not 2^c - 1.
 *   <li><b>Batch-affine bucket accumulation</b> (per window). Points with a non-zero digit are
 *       counting-sorted by bucket into one buffer (negated for negative digits), then summed in
 *       rounds: every round adds neighbouring pairs inside every bucket. All pairs of a round are
 *       independent, so their denominators {@code x2 - x1} are inverted together with one field
 *       inversion (Montgomery's trick), and each affine addition costs about 6 multiplications
 *       instead of 11 for a mixed Jacobian addition. Equal points are doubled ({@code 2y}
 *       denominator); opposite points cancel (the pair is dropped); infinity bases get digit 0; the
 *       sort means a bucket never meets itself twice in one batch.
 *       A task with too few points to amortise the inversions of its rounds (roughly under 300
 *       points) uses Jacobian buckets instead: one mixed addition (about 12 M) per point and no
 *       inversion. Below about 10 points one GLV scalar multiplication per point is cheaper still.
 *   <li><b>Bucket reduction</b> by running sums from the top bucket down: {@code sum_b b S_b}
 *       with one mixed and one Jacobian addition per bucket (about 31 M). From 512 buckets it goes
 *       through a grid instead: with {@code b = row * cols + col}, {@code sum_b b S_b = cols sum_row
 *       row R_row + sum_col col C_col}, where the row sums R and column sums C are plain sums of
 *       the buckets, computed together by the same batch-affine rounds (two affine additions per
 *       bucket, about 15 M); only the rows + columns (about 2 sqrt(B)) go through running sums.
 *       This makes wide windows cheap: n = 2^16 full scalars now take GLV with c = 16 (8 windows).
 *   <li><b>Window combination</b> by Horner: c doublings and one addition per window.
 * </ol>
 *
 * <p>Parallelism: a task is one window over one slice of the points; tasks are pulled by one worker
 * per core ({@code Runtime.availableProcessors()}), each worker owning its buffers. Slices are
 * added when there are fewer windows than threads (small scalars) or the tasks balance badly, and
 * to bound a worker's buffer; every slice costs one more bucket reduction. Scalar preparation and
 * recoding also run on all cores.
 *
 * <h2>Cost model</h2>
 *
 * In field multiplications (M), measured on this code: one batch-affine bucket addition about 7.5 M
 * (6 M plus additions, comparisons and copies), one bucket of the reduction about 31 M, one
 * inversion about 380 M. A task over m points with B = 2^(c-1) buckets, F of them filled, costs {@code
 * 7.5 (m - F) + 31 B + 380 (2 + log2(m / B))} (with the grid, {@code 15 F + 31 (rows + cols) +
 * 380 c/2 + B} replaces {@code 31 B}); the wall time is the number of waves {@code ceil(tasks /
 * threads)} times that; a Jacobian-bucket task costs {@code 12 m + 36 2^(c-1)}, a scalar
 * multiplication about {@code 150 + 9.7 min(b, 127)}. {@link org.besuzkml.msm.Msm} picks c
 * (2..17), the slices, GLV and the path by minimising the model, which counts only the points that
 * meet a filled bucket as additions ({@code B (1 - e^(-m/B))} of the B buckets are filled) and the
 * grid reduction above. For n = 2^16 full scalars it picks GLV with c = 16 (8 windows over 2^17
 * points: about 10.1 M-equivalents x 10^6 single-threaded, measured, against 11.0-11.5 with c = 13
 * and running sums); for 16-bit scalars c = 17, one window whose 2^16 buckets go through the
 * grid on one thread (about 0.75 x 10^6, against 0.94 x 10^6 with c = 9 and two windows); on two
 * threads, and for fewer points, c = 9 (the grid also costs about 1 M per bucket, filled or not).
 *
 * <p>Data layout follows {@link org.besuzkml.curve}: affine bases are 8 longs (Fq Montgomery),
 * infinity (0, 0); results are Jacobian (12 longs). Depends on {@link org.besuzkml.field}, {@link
 * org.besuzkml.curve} and the JDK. Prover-side: not constant time; deterministic results.
 */
package org.besuzkml.msm;
