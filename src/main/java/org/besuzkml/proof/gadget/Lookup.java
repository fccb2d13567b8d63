package org.besuzkml.proof.gadget;

/**
 * 6.13: {@code (idx, y)} in function table {@code table} (an index into the circuit's table list):
 * {@code 0 <= idx < size} and {@code y = values[idx]}; {@code y} is committed.
 */
public record Lookup(int idx, int y, int table) implements Gadget {
  @Override
  public String kind() {
    return "Lookup";
  }

  @Override
  public int[] inputs() {
    return new int[] {idx};
  }

  @Override
  public int[] outputs() {
    return new int[] {y};
  }
}
