package org.besuzkml.mutation;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Mutation testing only (registered by the pom's mutation profile through JUnit's extension
 * autodetection): PIT's JUnit 5 plugin finds a minion's tests by <em>running</em> every covering
 * test class once ({@code JUnit5TestUnitFinder.findTestUnits} executes the class with a listener that
 * only records which tests started). That run's verdicts are discarded, yet each minion paid it in
 * full, about a minute of adversarial suite before its first mutant. During that run alone this
 * interceptor skips the bodies of test methods, template invocations and lifecycle methods, so each
 * test is still reported as started and finished (PIT's list of tests is unchanged) without doing
 * its work. Test factories run as usual: their dynamic tests exist only once the factory has run.
 * Every run that decides a mutant's fate goes through PIT's {@code JUnit5TestUnit}, never through
 * the finder, so no verdict is affected.
 */
public final class PitDiscoveryShortcut implements InvocationInterceptor {
  static final String FINDER = "org.pitest.junit5.JUnit5TestUnitFinder";
  /**
   * The coverage minion's discovery run is its coverage run (the finder's listener records each
   * test's coverage), so only a mutation minion's discovery is skipped.
   */
  static final String MUTATION_MINION = "org.pitest.mutationtest.execute.MutationTestMinion";

  /** True when the calling thread is inside a mutation minion's test discovery. */
  static boolean discovering() {
    return StackWalker.getInstance().walk(s -> s.map(StackWalker.StackFrame::getClassName)
        .filter(c -> c.equals(FINDER) || c.equals(MUTATION_MINION)).distinct().count() == 2);
  }

  private static <T> T skipWhileDiscovering(Invocation<T> invocation) throws Throwable {
    if (discovering()) {
      invocation.skip();
      return null;
    }
    return invocation.proceed();
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    skipWhileDiscovering(invocation);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    skipWhileDiscovering(invocation);
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    skipWhileDiscovering(invocation);
  }

  @Override
  public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    skipWhileDiscovering(invocation);
  }

  @Override
  public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    skipWhileDiscovering(invocation);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    skipWhileDiscovering(invocation);
  }
}
