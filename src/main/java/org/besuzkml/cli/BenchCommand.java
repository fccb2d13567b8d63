package org.besuzkml.cli;

import picocli.CommandLine.Command;

/** {@code zkml bench ...}: figures measured on this machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks measured on this machine.",
    subcommands = {CryptoBenchCommand.class, BenchProveCommand.class, BenchPrecompileCommand.class,
        BenchSidecarCommand.class, BenchScaleCommand.class, BenchVkCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * Null when {@code --runs} is usable, else the exit status 2 after one line on stderr (a
   * median of no runs has no meaning, and silently running once would misreport).
   */
  static Integer checkRuns(int runs) {
    if (runs >= 1) {
      return null;
    }
    System.err.println("error: --runs must be at least 1 (got " + runs + ")");
    return 2;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
