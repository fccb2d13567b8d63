package org.besuzkml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchScaleCommandTest {
  @Test
  void slopeIsThePowerLawsExponent() {
    double[] x = {1e3, 1e4, 1e5, 1e6};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 3 * Math.pow(x[i], 1.5);
    }
    assertEquals(1.5, BenchScaleCommand.slope(x, y), 1e-9);
    y[1] = 0; // a missing figure is left out, not read as log 0
    assertEquals(1.5, BenchScaleCommand.slope(x, y), 1e-9);
    assertTrue(Double.isNaN(BenchScaleCommand.slope(new double[] {5}, new double[] {2})));
  }

  @Test
  void laddersSpanTheirRanges() {
    var mlps = BenchScaleCommand.mlps(10_000_000);
    assertEquals(5, mlps.size());
    assertEquals(1_000, mlps.get(0).params(), 50);
    assertEquals(10_000_000, mlps.get(4).params(), 100_000);
    var cnns = BenchScaleCommand.cnns(60_000_000);
    assertTrue(cnns.get(0).macs() >= 100_000 && cnns.get(0).macs() < 200_000, "smallest " + cnns.get(0).macs());
    assertTrue(cnns.get(cnns.size() - 1).macs() > 50_000_000, "largest " + cnns.get(cnns.size() - 1).macs());
    assertEquals(cnns.size() - 1, BenchScaleCommand.cnns(cnns.get(cnns.size() - 1).macs() - 1).size());
  }
}
