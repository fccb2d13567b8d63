package org.besuzkml.precompile;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A thread-safe least-recently-used map from byte strings (a hash, or the whole content, compared
 * byte for byte) to values, bounded by the sum of the values' weights in bytes (a value's weight
 * must cover its key). Its contents change only the time a call takes, never its result
 * (Besu calls the precompile from block building, import, parallel transactions and RPC threads).
 */
final class ByteBoundedCache<V> {
  private final long maxBytes;
  private final ToLongFunction<V> weight;
  private final LinkedHashMap<ByteBuffer, V> map = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  ByteBoundedCache(long maxBytes, ToLongFunction<V> weight) {
    this.maxBytes = Math.max(0, maxBytes);
    this.weight = weight;
  }

  synchronized V get(byte[] key) {
    return map.get(ByteBuffer.wrap(key));
  }

  synchronized void put(byte[] key, V value) {
    long w = weight.applyAsLong(value);
    if (w > maxBytes) {
      return;
    }
    V old = map.put(ByteBuffer.wrap(key.clone()), value);
    if (old != null) {
      bytes -= weight.applyAsLong(old);
    }
    bytes += w;
    Iterator<Map.Entry<ByteBuffer, V>> it = map.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      bytes -= weight.applyAsLong(it.next().getValue());
      it.remove();
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return map.size();
  }

  synchronized void clear() {
    map.clear();
    bytes = 0;
  }
}
