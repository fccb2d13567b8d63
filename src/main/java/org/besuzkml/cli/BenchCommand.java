package org.besuzkml.cli;

import picocli.CommandLine.Command;

/** {@code zkml bench ...}: end-to-end figures measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.", subcommands = {})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: zkml bench crypto [--json]");
  }
}
