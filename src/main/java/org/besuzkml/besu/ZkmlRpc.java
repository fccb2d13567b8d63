package org.besuzkml.besu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.besuzkml.codec.Hex;
import org.besuzkml.codec.Keccak;
import org.besuzkml.precompile.GasSchedule;
import org.besuzkml.precompile.Outcome;
import org.besuzkml.precompile.ZkmlAbi;
import org.besuzkml.precompile.ZkmlPrecompile;
import org.hyperledger.besu.plugin.services.exception.PluginRpcEndpointException;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;
import org.hyperledger.besu.plugin.services.rpc.RpcMethodError;

/**
 * The {@code zkml} JSON-RPC namespace. {@code zkml_info} makes the plugin's state observable (with
 * --plugin-continue-on-error Besu runs on without the precompile, silently). A call is given as
 * its precompile calldata (hex) or as {@code {"vk","inputs","outputs","proof"}} (vk and proof hex,
 * the values integer lists).
 */
final class ZkmlRpc {
  static final String NAMESPACE = "zkml";

  private final ZkmlPlugin plugin;

  ZkmlRpc(ZkmlPlugin plugin) {
    this.plugin = plugin;
  }

  Map<String, Object> info(PluginRpcRequest req) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", ZkmlPrecompile.NAME);
    m.put("version", plugin.version());
    m.put("address", plugin.address());
    m.put("installed", plugin.installed());
    m.put("specs", plugin.installedSpecs());
    m.put("error", plugin.error());
    m.put("maxInputBytes", plugin.core().maxInputBytes());
    m.put("gas", "verify: " + GasSchedule.BASE + " + " + GasSchedule.PER_BYTE
        + " * len(calldata) + vkCost (the vk's VerifierCost bound priced: " + GasSchedule.PER_FIELD_MUL
        + "/field mul, " + GasSchedule.PER_MSM_POINT + "/MSM point, " + GasSchedule.PER_MILLER_LOOP
        + "/Miller loop, " + GasSchedule.PER_G1_DECODING + "/G1 decoding, "
        + GasSchedule.PER_KECCAK_PERMUTATION + "/Keccak-f); modelId: " + GasSchedule.MODEL_ID_BASE + " + "
        + GasSchedule.MODEL_ID_PER_WORD + " * words(calldata)");
    Map<String, String> sel = new LinkedHashMap<>();
    sel.put(ZkmlAbi.VERIFY_SIG, Hex.encode(ZkmlAbi.VERIFY));
    sel.put(ZkmlAbi.MODEL_ID_SIG, Hex.encode(ZkmlAbi.MODEL_ID));
    sel.put(ZkmlAbi.INVALID_PROOF_SIG, Hex.encode(ZkmlAbi.INVALID_PROOF));
    m.put("selectors", sel);
    return m;
  }

  /** A dry run: what the precompile would do with this call, and why. */
  Map<String, Object> verify(PluginRpcRequest req) {
    byte[] in = calldata(req);
    Outcome o = plugin.core().call(in);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", o.status() == Outcome.Status.SUCCESS);
    m.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("modelId", o.status() == Outcome.Status.SUCCESS ? Hex.encode(o.output()) : null);
    m.put("reason", o.reason());
    m.put("gas", plugin.core().gas(in));
    m.put("returnData", Hex.encode(o.output()));
    return m;
  }

  String modelId(PluginRpcRequest req) {
    return Hex.encode(Keccak.hash(hexParam(req, "vk")));
  }

  long gas(PluginRpcRequest req) {
    return plugin.core().gas(calldata(req));
  }

  private static byte[] calldata(PluginRpcRequest req) {
    Object p = param(req);
    if (p instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) p;
      return ZkmlAbi.encodeVerify(hex(m.get("vk"), "vk"), matrix(m.get("inputs"), "inputs"),
          matrix(m.get("outputs"), "outputs"), hex(m.get("proof"), "proof"));
    }
    return hex(p, "calldata");
  }

  private static Object param(PluginRpcRequest req) {
    Object[] ps = req == null ? null : req.getParams();
    if (ps == null || ps.length != 1) {
      throw invalid("expected one parameter");
    }
    return ps[0];
  }

  private static byte[] hexParam(PluginRpcRequest req, String what) {
    return hex(param(req), what);
  }

  private static byte[] hex(Object o, String what) {
    byte[] b = o instanceof String ? Hex.decode((String) o) : null;
    if (b == null) {
      throw invalid(what + ": expected 0x-prefixed hex");
    }
    return b;
  }

  private static long[][] matrix(Object o, String what) {
    if (!(o instanceof List)) {
      throw invalid(what + ": expected a list of integer lists");
    }
    List<?> rows = (List<?>) o;
    List<long[]> out = new ArrayList<>();
    for (Object r : rows) {
      if (!(r instanceof List)) {
        throw invalid(what + ": expected a list of integer lists");
      }
      List<?> vals = (List<?>) r;
      long[] row = new long[vals.size()];
      for (int j = 0; j < row.length; j++) {
        Object v = vals.get(j);
        if (!(v instanceof Integer || v instanceof Long)) {
          throw invalid(what + ": values must be integers");
        }
        row[j] = ((Number) v).longValue();
      }
      out.add(row);
    }
    return out.toArray(new long[0][]);
  }

  static PluginRpcEndpointException invalid(String message) {
    return new PluginRpcEndpointException(new RpcMethodError() {
      @Override
      public int getCode() {
        return INVALID_PARAMS_ERROR_CODE;
      }

      @Override
      public String getMessage() {
        return "Invalid params: " + message;
      }
    }, message);
  }
}
