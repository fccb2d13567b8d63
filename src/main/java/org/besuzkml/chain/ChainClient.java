package org.besuzkml.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One account on one Ethereum JSON-RPC node: deploys contracts, sends signed transactions and
 * waits for their receipts, and makes calls. Signs EIP-1559 transactions when the chain has a base
 * fee, legacy (EIP-155) ones otherwise. Every RPC is retried with bounded backoff while the node is
 * unreachable; a transaction is re-sent as the same signed bytes (so a retry never doubles it) and
 * re-signed with a fresh nonce only when the node says the nonce was wrong. Thread-safe.
 */
public final class ChainClient implements AutoCloseable {
  /** Tuning; {@link #DEFAULTS} suits a local node with one-second blocks. */
  public record Options(Backoff backoff, Duration receiptTimeout, Duration httpTimeout, double gasMargin) {
    public static final Options DEFAULTS = new Options(Backoff.DEFAULT, Duration.ofSeconds(60),
        Duration.ofSeconds(30), 1.2);
  }

  /** A JSON-RPC error answer; {@code data} is the error's data member (null when absent). */
  public static final class RpcError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final transient JsonNode data;

    RpcError(int code, String message, JsonNode data) {
      super(message);
      this.code = code;
      this.data = data;
    }

    public int code() {
      return code;
    }

    /** The revert data carried by the error (Besu: a hex string; ganache: an object's result). */
    public byte[] revertData() {
      JsonNode d = data;
      if (d != null && d.isObject()) {
        d = d.has("result") ? d.get("result") : d.get("data");
      }
      if (d != null && d.isTextual() && d.asText().matches("0x([0-9a-fA-F]{2})*")) {
        return Numeric.hexStringToByteArray(d.asText());
      }
      return null;
    }

    boolean isRevert() {
      String m = getMessage() == null ? "" : getMessage().toLowerCase(java.util.Locale.ROOT);
      return revertData() != null || m.contains("revert");
    }
  }

  /** The answer of a call: return data, or the revert. */
  public record CallResult(byte[] data, RevertReason revert) {
    public boolean ok() {
      return revert == null;
    }
  }

  static final class JsonNodeResponse extends Response<JsonNode> {}

  private record Sent(String hash, BigInteger nonce, Pending.Fees fees) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL_MIN = Duration.ofMillis(20);
  private static final Duration POLL_MAX = Duration.ofMillis(500);

  private final String url;
  private final HttpService service;
  private final SigningKey key;
  private final Options options;
  private final long chainId;
  private final boolean eip1559;
  private final NonceTracker nonces;
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong resyncs = new AtomicLong();
  private final Object sendLock = new Object();

  private ChainClient(String url, SigningKey key, Options options) throws ChainException {
    this.url = url;
    this.key = key;
    this.options = options;
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(Math.min(2000, options.httpTimeout().toMillis()), TimeUnit.MILLISECONDS)
        .readTimeout(options.httpTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(options.httpTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .build();
    this.service = new HttpService(url, http);
    this.chainId = quantity(rpc("eth_chainId")).longValueExact();
    JsonNode block = rpc("eth_getBlockByNumber", "latest", false);
    this.eip1559 = block != null && block.hasNonNull("baseFeePerGas");
    this.nonces = new NonceTracker(() -> quantity(rpc("eth_getTransactionCount", key.address(), "pending")));
  }

  /** Connects (with retries) and reads the chain id and whether the chain has a base fee. */
  public static ChainClient connect(String url, SigningKey key, Options options) throws ChainException {
    return new ChainClient(url, key, options);
  }

  public static ChainClient connect(String url, SigningKey key) throws ChainException {
    return connect(url, key, Options.DEFAULTS);
  }

  public long chainId() {
    return chainId;
  }

  public boolean eip1559() {
    return eip1559;
  }

  public String address() {
    return key.address();
  }

  public String url() {
    return url;
  }

  /** RPC attempts that failed for an unreachable node and were tried again, since connect. */
  public long retries() {
    return retries.get();
  }

  /** Times the local nonce was resynced from the node after a nonce error. */
  public long nonceResyncs() {
    return resyncs.get();
  }

  /** Deploys {@code initCode} (bytecode followed by the encoded constructor arguments). */
  public Receipt deploy(byte[] initCode) throws ChainException {
    return send(null, initCode, null);
  }

  /**
   * Sends a transaction and waits for its receipt: {@link #await}({@link #broadcast}).
   * {@code to} null creates a contract.
   */
  public Receipt send(String to, byte[] data, BigInteger gasLimit) throws ChainException {
    return await(broadcast(to, data, gasLimit));
  }

  /**
   * Signs and sends a transaction without waiting for it. {@code gasLimit} null estimates it
   * (with the margin); a reverting estimate sends nothing and returns an unsent {@link Pending}
   * with the reason.
   */
  public Pending broadcast(String to, byte[] data, BigInteger gasLimit) throws ChainException {
    RevertReason[] refused = new RevertReason[1];
    BigInteger gas = gasLimit(to, data, gasLimit, refused);
    if (gas == null) {
      return new Pending(null, -1, to, data, null, null, List.of(), refused[0]);
    }
    Sent sent = sendInNonceOrder(to, data, gas);
    return new Pending(sent.hash(), sent.nonce().longValueExact(), to, data, gas, sent.fees(), List.of(), null);
  }

  /**
   * As {@link #broadcast}, but each signed transaction is handed to {@code store} (which makes it
   * durable) before it is sent, so that a crash at any moment leaves bytes to send again rather than
   * a request to sign again. After the store only those bytes are sent; they are replaced (a fresh
   * nonce signed, stored and sent, at most three nonces) only when the node answers that their nonce
   * is used and does not know them, so they can never be mined. A node that cannot be reached once
   * they are stored is thrown {@link ChainException#maybeSent}: send them again with
   * {@link #rebroadcast}, never with this method. A failing store sends nothing.
   */
  public Pending broadcastStored(String to, byte[] data, BigInteger gasLimit, SignedTx.Store store)
      throws ChainException {
    RevertReason[] refused = new RevertReason[1];
    BigInteger gas = gasLimit(to, data, gasLimit, refused);
    if (gas == null) {
      return new Pending(null, -1, to, data, null, null, List.of(), refused[0]);
    }
    synchronized (sendLock) { // stored and sent in nonce order, as sendInNonceOrder does
      for (int tries = 1; ; tries++) {
        BigInteger nonce = nonces.take();
        SignedTx tx;
        try {
          Pending.Fees fees = currentFees();
          byte[] signed = sign(nonce, gas, to, data, fees);
          tx = new SignedTx(signed, Numeric.toHexString(Hash.sha3(signed)), nonce.longValueExact(), gas, fees);
          store.store(tx);
        } catch (ChainException | RuntimeException e) {
          nonces.resync(); // nothing was sent at this nonce
          throw e;
        }
        if (sendRaw(tx)) {
          return pending(tx, to, data);
        }
        nonces.resync();
        resyncs.incrementAndGet();
        if (tries >= 3) {
          throw new ChainException(ChainException.Kind.REJECTED, "eth_sendRawTransaction at " + url
              + ": three nonces in a row were already used by other transactions");
        }
      }
    }
  }

  /**
   * Sends a stored signed transaction again as the same bytes (after a restart, or after the node
   * could not be reached): never re-signed, so it is mined at most once. The node answering that it
   * holds it already, or that its nonce is used while it knows the hash (pending or mined), is
   * success. A nonce used by another transaction is REJECTED: these bytes can never be mined.
   * {@code to} and {@code data} are the call it makes (to replay a revert for its reason).
   */
  public Pending rebroadcast(SignedTx tx, String to, byte[] data) throws ChainException {
    synchronized (sendLock) {
      if (!sendRaw(tx)) {
        throw new ChainException(ChainException.Kind.REJECTED, "nonce " + tx.nonce() + " of " + tx.hash()
            + " is used by another transaction: it can never be mined (not signed again)");
      }
      return pending(tx, to, data);
    }
  }

  /** Never hands out a nonce below {@code next}: stored signed transactions hold them. */
  public void reserveNoncesBelow(long next) {
    nonces.atLeast(BigInteger.valueOf(next));
  }

  private static Pending pending(SignedTx tx, String to, byte[] data) {
    return new Pending(tx.hash(), tx.nonce(), to, data, tx.gasLimit(), tx.fees(), List.of(), null);
  }

  /**
   * Sends signed bytes: true when the node took them, holds them already or mined them; false when
   * it answers that their nonce is used and knows nothing of them. An unreachable node is thrown
   * {@link ChainException#maybeSent}.
   */
  private boolean sendRaw(SignedTx tx) throws ChainException {
    try {
      // a lost answer may hide a transaction the node took: look for it before re-sending
      retrying(() -> known(tx.hash()), "eth_sendRawTransaction", tx.rawHex());
      return true;
    } catch (RpcError e) {
      if (NonceTracker.isAlreadyKnown(e.getMessage())) {
        return true;
      }
      if (NonceTracker.isNonceError(e.getMessage())) {
        JsonNode t = rpc("eth_getTransactionByHash", tx.hash());
        return t != null && !t.isNull() || receiptOrNull(tx.hash()) != null; // ours, pending or mined
      }
      throw new ChainException(ChainException.Kind.REJECTED,
          "eth_sendRawTransaction at " + url + " refused the transaction: " + e.getMessage());
    } catch (ChainException e) {
      throw e.maybeSent() ? e : e.asMaybeSent();
    }
  }

  /** The gas limit to sign with: the given one, or the estimate with the margin; null when the estimate reverts. */
  private BigInteger gasLimit(String to, byte[] data, BigInteger given, RevertReason[] refused)
      throws ChainException {
    if (given != null) {
      return given;
    }
    try {
      BigInteger est = quantity(rpcOrError("eth_estimateGas", tx(to, data, null)));
      return new java.math.BigDecimal(est).multiply(java.math.BigDecimal.valueOf(options.gasMargin()))
          .toBigInteger().add(BigInteger.valueOf(5_000));
    } catch (RpcError e) {
      if (e.isRevert()) {
        refused[0] = RevertReason.decode(e.revertData());
        return null;
      }
      throw new ChainException(ChainException.Kind.REJECTED, "eth_estimateGas at " + url + ": " + e.getMessage());
    }
  }

  /**
   * Waits for a broadcast transaction's receipt (at most the receipt timeout). A mined transaction
   * that failed is replayed with eth_call at its block to recover the revert reason.
   */
  public Receipt await(Pending p) throws ChainException {
    if (!p.sent()) {
      return Receipt.notSent(p.refused());
    }
    List<String> hashes = new ArrayList<>(List.of(p.hash()));
    hashes.addAll(p.replaced());
    return awaitReceipt(hashes, p.nonce(), p.to(), p.data(), p.gasLimit());
  }

  /**
   * Replaces a transaction that is not being mined (its receipt timed out) by the same one at the
   * same nonce offering more: at least 12.5% more per gas, and at least what the node asks now.
   * Returns the replacement, which remembers the hashes it replaces ({@link #await} watches all of
   * them: the first one mined wins). If the nonce is already used (one of them was mined
   * meanwhile), returns {@code p} unchanged.
   */
  public Pending replace(Pending p) throws ChainException {
    if (!p.sent()) {
      return p;
    }
    synchronized (sendLock) {
      long nonce = p.nonce();
      Pending.Fees old = p.fees();
      if (nonce < 0 || old == null) { // resumed: read what it was signed with back from the node
        JsonNode t = rpc("eth_getTransactionByHash", p.hash());
        if (t == null || t.isNull()) {
          throw new ChainException(ChainException.Kind.REJECTED, "replace: the node does not know " + p.hash());
        }
        nonce = quantity(t.get("nonce")).longValueExact();
        old = t.hasNonNull("maxFeePerGas") ? new Pending.Fees(quantity(t.get("maxFeePerGas")),
            quantity(t.get("maxPriorityFeePerGas"))) : new Pending.Fees(quantity(t.get("gasPrice")), null);
      }
      Pending.Fees fees = old.bumped(currentFees());
      byte[] signed = sign(BigInteger.valueOf(nonce), p.gasLimit(), p.to(), p.data(), fees);
      String hash = Numeric.toHexString(Hash.sha3(signed));
      try {
        retrying(() -> known(hash), "eth_sendRawTransaction", Numeric.toHexString(signed));
      } catch (RpcError e) {
        if (NonceTracker.isNonceError(e.getMessage())) {
          return p; // one of the earlier ones was mined: awaiting p finds it
        }
        if (!NonceTracker.isAlreadyKnown(e.getMessage())) {
          throw new ChainException(ChainException.Kind.REJECTED,
              "eth_sendRawTransaction at " + url + " refused the replacement: " + e.getMessage());
        }
      }
      List<String> replaced = new ArrayList<>(p.replaced());
      replaced.add(p.hash());
      return new Pending(hash, nonce, p.to(), p.data(), p.gasLimit(), fees, List.copyOf(replaced), null);
    }
  }

  /**
   * Takes a nonce, signs and sends, under one lock: transactions reach the node in nonce order
   * (a node may hold a transaction behind a nonce gap, or refuse one too far ahead). The receipt
   * is awaited outside the lock.
   */
  private Sent sendInNonceOrder(String to, byte[] data, BigInteger gas) throws ChainException {
    synchronized (sendLock) {
      for (int tries = 1; ; tries++) {
        BigInteger nonce = nonces.take();
        byte[] signed;
        Pending.Fees fees;
        try {
          fees = currentFees();
          signed = sign(nonce, gas, to, data, fees);
        } catch (ChainException | RuntimeException e) {
          nonces.resync(); // the nonce was not used
          throw e;
        }
        String hash = Numeric.toHexString(Hash.sha3(signed));
        try {
          // a lost answer may hide a transaction the node took: look for it before re-sending
          retrying(() -> known(hash), "eth_sendRawTransaction", Numeric.toHexString(signed));
          return new Sent(hash, nonce, fees);
        } catch (RpcError e) {
          if (NonceTracker.isAlreadyKnown(e.getMessage())) {
            return new Sent(hash, nonce, fees); // an earlier attempt of this very transaction got through
          }
          if (NonceTracker.isNonceError(e.getMessage()) && tries < 3) {
            JsonNode t = rpc("eth_getTransactionByHash", hash);
            if (t != null && !t.isNull()) {
              return new Sent(hash, nonce, fees); // it was ours, taken by the node on a lost attempt
            }
            nonces.resync();
            resyncs.incrementAndGet();
            continue;
          }
          nonces.resync(); // the nonce was not used
          throw new ChainException(ChainException.Kind.REJECTED,
              "eth_sendRawTransaction at " + url + " refused the transaction: " + e.getMessage());
        } catch (ChainException e) {
          nonces.resync(); // unknown whether the node took it: ask the node next time
          throw e.asMaybeSent();
        } catch (RuntimeException e) {
          nonces.resync();
          throw e;
        }
      }
    }
  }

  /** eth_call at the latest block, from this account. */
  public CallResult call(String to, byte[] data) throws ChainException {
    return callAt(to, data, null, "latest");
  }

  private CallResult callAt(String to, byte[] data, BigInteger gas, String block) throws ChainException {
    try {
      JsonNode r = rpcOrError("eth_call", tx(to, data, gas), block);
      return new CallResult(r == null || !r.isTextual() ? new byte[0] : Numeric.hexStringToByteArray(r.asText()), null);
    } catch (RpcError e) {
      if (e.isRevert()) {
        return new CallResult(null, RevertReason.decode(e.revertData()));
      }
      throw new ChainException(ChainException.Kind.REJECTED, "eth_call at " + url + ": " + e.getMessage());
    }
  }

  /** Polls the receipts of {@code hashes} (one nonce: at most one of them is ever mined). */
  private Receipt awaitReceipt(List<String> hashes, long nonce, String to, byte[] data, BigInteger gas)
      throws ChainException {
    long deadline = System.nanoTime() + options.receiptTimeout().toNanos();
    Duration poll = POLL_MIN;
    while (true) {
      JsonNode r = null;
      String hash = hashes.get(0);
      for (String h : hashes) {
        r = receiptOrNull(h);
        if (r != null) {
          hash = h;
          break;
        }
      }
      if (r != null) {
        boolean ok = "0x1".equals(r.path("status").asText());
        long block = quantity(r.get("blockNumber")).longValueExact();
        String created = r.path("contractAddress").isTextual() ? r.get("contractAddress").asText() : null;
        RevertReason why = null;
        if (!ok) {
          // receipts carry no reason (Besu only with --revert-reason-enabled): replay the call
          CallResult replay = callAt(to, data, gas, Numeric.toHexStringWithPrefix(BigInteger.valueOf(block)));
          why = replay.ok() ? new RevertReason("unknown", "failed, but its replay succeeds", "0x") : replay.revert();
        }
        long n = nonce >= 0 ? nonce : quantity(rpc("eth_getTransactionByHash", hash).get("nonce")).longValueExact();
        return new Receipt(hash, n, ok, block, quantity(r.get("gasUsed")), created, why);
      }
      if (System.nanoTime() > deadline) {
        throw new ChainException(ChainException.Kind.TIMEOUT, "no receipt for " + hash + " from " + url
            + " within " + options.receiptTimeout().toSeconds() + " s");
      }
      sleep(poll);
      poll = poll.multipliedBy(2).compareTo(POLL_MAX) > 0 ? POLL_MAX : poll.multipliedBy(2);
    }
  }

  private boolean known(String hash) throws IOException {
    try {
      JsonNode t = once("eth_getTransactionByHash", hash);
      return t != null && !t.isNull();
    } catch (RpcError e) {
      return false;
    }
  }

  private JsonNode once(String method, Object... params) throws IOException, RpcError {
    JsonNodeResponse r = new Request<>(method, List.of(params), (Web3jService) service,
        JsonNodeResponse.class).send();
    if (r.hasError()) {
      Response.Error e = r.getError();
      throw new RpcError(e.getCode(), e.getMessage(), parse(e.getData()));
    }
    return r.getResult();
  }

  private JsonNode receiptOrNull(String hash) throws ChainException {
    JsonNode r = rpc("eth_getTransactionReceipt", hash);
    return r == null || r.isNull() ? null : r;
  }

  /** What the node asks per gas now: 2 * base fee + tip (EIP-1559), or eth_gasPrice (legacy). */
  private Pending.Fees currentFees() throws ChainException {
    if (eip1559) {
      BigInteger base = quantity(rpc("eth_getBlockByNumber", "latest", false).get("baseFeePerGas"));
      BigInteger tip = priorityFee();
      return new Pending.Fees(base.shiftLeft(1).add(tip), tip);
    }
    return new Pending.Fees(quantity(rpc("eth_gasPrice")), null);
  }

  private byte[] sign(BigInteger nonce, BigInteger gas, String to, byte[] data, Pending.Fees fees) {
    String toAddr = to == null ? "" : to;
    String hexData = Numeric.toHexString(data);
    if (fees.tip() != null) {
      RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gas, toAddr, BigInteger.ZERO,
          hexData, fees.tip(), fees.maxFee());
      return TransactionEncoder.signMessage(raw, key.credentials());
    }
    RawTransaction raw = RawTransaction.createTransaction(nonce, fees.maxFee(), gas, toAddr, BigInteger.ZERO, hexData);
    return TransactionEncoder.signMessage(raw, chainId, key.credentials());
  }

  /** The node's suggested tip; 0 when it has none to suggest (a zero-fee dev chain). */
  private BigInteger priorityFee() throws ChainException {
    try {
      JsonNode tip = rpcOrError("eth_maxPriorityFeePerGas");
      return tip != null && tip.isTextual() ? quantity(tip) : BigInteger.ZERO;
    } catch (RpcError e) {
      return BigInteger.ZERO;
    }
  }

  private ObjectNode tx(String to, byte[] data, BigInteger gas) {
    ObjectNode t = JSON.createObjectNode().put("from", key.address()).put("data", Numeric.toHexString(data));
    if (to != null) {
      t.put("to", to);
    }
    if (gas != null) {
      t.put("gas", Numeric.toHexStringWithPrefix(gas));
    }
    return t;
  }

  /** A JSON-RPC call whose error answer is a failure (the node is up but refuses). */
  public JsonNode rpc(String method, Object... params) throws ChainException {
    try {
      return rpcOrError(method, params);
    } catch (RpcError e) {
      throw new ChainException(ChainException.Kind.REJECTED, method + " at " + url + ": " + e.getMessage());
    }
  }

  /**
   * A JSON-RPC call, retried with backoff while the node is unreachable (connection refused or
   * reset, timeout, HTTP error). An error answer is thrown as {@link RpcError}: it is final.
   */
  public JsonNode rpcOrError(String method, Object... params) throws ChainException, RpcError {
    return retrying(null, method, params);
  }

  /**
   * Asked before a retry: true when the failed attempt's effect is already there. One request,
   * no retries of its own: an IOException counts as the attempt's failure.
   */
  private interface AlreadyDone {
    boolean check() throws IOException;
  }

  private JsonNode retrying(AlreadyDone done, String method, Object... params) throws ChainException, RpcError {
    Backoff b = options.backoff();
    for (int attempt = 1; ; attempt++) {
      try {
        if (attempt > 1 && done != null && done.check()) {
          return null;
        }
        return once(method, params);
      } catch (IOException | ClientConnectionException e) {
        if (attempt >= b.attempts()) {
          throw new ChainException(ChainException.Kind.UNREACHABLE, method + ": node at " + url
              + " unreachable after " + attempt + " attempts (" + e.getClass().getSimpleName() + ")", e);
        }
        retries.incrementAndGet();
        sleep(b.delayAfter(attempt));
      }
    }
  }

  private static JsonNode parse(String data) {
    if (data == null) {
      return null;
    }
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(data);
    }
  }

  static BigInteger quantity(JsonNode n) throws ChainException {
    if (n == null || !n.isTextual() || !n.asText().startsWith("0x")) {
      throw new ChainException(ChainException.Kind.REJECTED, "expected a hex quantity, got " + n);
    }
    String h = n.asText().substring(2);
    return h.isEmpty() ? BigInteger.ZERO : new BigInteger(h, 16);
  }

  private static void sleep(Duration d) throws ChainException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(ChainException.Kind.TIMEOUT, "interrupted");
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // nothing held that matters
    }
  }

  @Override
  public String toString() {
    return "ChainClient[" + url + ", chain " + chainId + ", " + key + "]";
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
