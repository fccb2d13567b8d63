package org.besuzkml.chain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real local Ethereum node for the tests: ganache (pinned in it/node/package.json) on loopback
 * on a free port, its chain persisted in a directory so that it can be killed and restarted with
 * its state. Accounts are the dev genesis keys (genesis/keys), funded. Public for the sidecar's chain
 * tests (it/java/org/besuzkml/sidecar).
 */
public final class LocalEthNode implements AutoCloseable {
  /** The funded accounts' key files: the INSECURE dev keys of genesis/keys. */
  public static final Path[] KEY_FILES = {Path.of("genesis/keys/node0.key"), Path.of("genesis/keys/node1.key")};

  private final Path db;
  private final Path log;
  private final int port;
  private final String hardfork;
  private Process process;

  private LocalEthNode(Path dir, String hardfork) throws IOException {
    this.db = Files.createDirectories(dir.resolve("chain"));
    this.log = dir.resolve("ganache.log");
    this.hardfork = hardfork;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = s.getLocalPort();
    }
  }

  /** Starts a node ({@code hardfork} shanghai: base fee, EIP-1559; berlin: legacy only). */
  public static LocalEthNode start(Path dir, String hardfork) throws Exception {
    NodeTools.require(NodeTools.GANACHE);
    LocalEthNode n = new LocalEthNode(dir, hardfork);
    n.restart();
    return n;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** (Re)starts on the same port and chain directory; returns once it answers. */
  public void restart() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(NodeTools.NODE, NodeTools.GANACHE.toString(),
        "--server.host", "127.0.0.1", "--server.port", Integer.toString(port),
        "--chain.chainId", "1337", "--chain.hardfork", hardfork,
        "--miner.blockGasLimit", "0x3b9aca00", "--miner.callGasLimit", "0x3b9aca00",
        "--database.dbPath", db.toString(),
        // one request at a time: ganache 7.9 can leave an eth_estimateGas unanswered while it mines
        "--chain.asyncRequestProcessing", "false"));
    for (Path k : KEY_FILES) {
      String hex = Files.readString(k).strip().replaceFirst("^0x", "");
      cmd.add("--wallet.accounts");
      cmd.add("0x" + hex + ",0x33b2e3c9fd0803ce8000000"); // 10^9 ether
    }
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ganache exited: " + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("ganache did not answer within 30 s: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  /** Kills the process (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** One raw JSON-RPC call; returns the response body. */
  public String rpc(String method, String paramsJson) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(5))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
            + "\",\"params\":" + paramsJson + "}")).build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Puts {@code runtimeHex} as the code of {@code address} (the stand-in at the precompile address). */
  public void setCode(String address, String runtimeHex) throws IOException, InterruptedException {
    String r = rpc("evm_setAccountCode", "[\"" + address + "\",\"" + runtimeHex + "\"]");
    if (!r.contains("\"result\":true")) {
      throw new IllegalStateException("evm_setAccountCode: " + r);
    }
  }

  private boolean answers() {
    try {
      return rpc("eth_chainId", "[]").contains("\"result\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
