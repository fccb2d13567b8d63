package org.besuzkml.cli;

import picocli.CommandLine.Command;

/** {@code zkml bench ...}: figures measured on this machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks measured on this machine.",
    subcommands = {CryptoBenchCommand.class, BenchProveCommand.class, BenchPrecompileCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
