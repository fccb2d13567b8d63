package org.besuzkml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The attributes of one node, by name: Long, Double, String, long[], double[] or Tensor values. */
public final class Attributes {
  private final Map<String, Object> values;

  public Attributes(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Attributes empty() {
    return new Attributes(Map.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public long getInt(String name, long dflt) {
    Object v = values.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("attribute " + name + " is not an int");
  }

  public double getFloat(String name, double dflt) {
    Object v = values.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("attribute " + name + " is not a float");
  }

  public String getString(String name, String dflt) {
    Object v = values.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("attribute " + name + " is not a string");
  }

  /** Null when absent. */
  public long[] getInts(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof long[] a) {
      return a.clone();
    }
    throw new IllegalArgumentException("attribute " + name + " is not a list of ints");
  }

  public double[] getFloats(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof double[] a) {
      return a.clone();
    }
    throw new IllegalArgumentException("attribute " + name + " is not a list of floats");
  }

  public Tensor getTensor(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Tensor t) {
      return t;
    }
    throw new IllegalArgumentException("attribute " + name + " is not a tensor");
  }
}
