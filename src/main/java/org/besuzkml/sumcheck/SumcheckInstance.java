package org.besuzkml.sumcheck;

/**
 * The prover's side of one sumcheck statement {@code claim = sum_{x in {0,1}^k} g(x)} (4.1), as an
 * object that the driver ({@link SumcheckProver}) steps round by round. Variables are bound in order
 * x_1, x_2, ... (most significant index bit first, 1.4).
 *
 * <p>Life cycle: {@link #claim()} any time; then k times {@link #roundEvaluations()} followed by
 * {@link #bind}; then {@link #finalValues()}, the values the caller states so that the verifier can
 * evaluate g at the point (e.g. the factor tables at r).
 */
public interface SumcheckInstance {
  /** k: the number of rounds (variables). */
  int numVars();

  /** d: the degree bound of g in each variable. */
  int degree();

  /** The input claim, the sum of g over the hypercube (one Montgomery element, 4 longs). */
  long[] claim();

  /**
   * The current round polynomial {@code s(t) = sum over the unbound x' of g(r_1..r_(i-1), t, x')}
   * as its values at t = 0, 1, ..., degree(): degree()+1 consecutive elements.
   */
  long[] roundEvaluations();

  /** Binds the current first unbound variable to the challenge r (element at limb offset rOff). */
  void bind(long[] r, int rOff);

  /** After all numVars() binds: the values the caller states (instance-defined, see each kind). */
  long[] finalValues();
}
