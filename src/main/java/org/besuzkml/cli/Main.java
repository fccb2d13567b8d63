package org.besuzkml.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar target/zkml.jar}. Each concept adds its subcommand here. */
@Command(
    name = "zkml",
    mixinStandardHelpOptions = true,
    version = "besu-zkml 0.1.0",
    description = "Verifiable ML inference for Hyperledger Besu.",
    subcommands = {BenchCommand.class, InspectCommand.class, RunCommand.class, CompileCommand.class,
        SetupCommand.class, CommitCommand.class, ProveCommand.class, VerifyCommand.class, DemoCommand.class,
        SidecarCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
