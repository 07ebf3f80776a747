package com.privacycasemanager.records;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics as a grouped bar chart drawn on the server as SVG shapes, so the public page needs
 * no script: per request group, bars for received, complied with in whole, in part, and denied.
 */
public record MetricsChart(int width, int height, List<Bar> bars, List<Label> labels, List<Series> legend) {

  static final int WIDTH = 720;
  static final int HEIGHT = 300;
  private static final int PLOT_TOP = 30;
  private static final int PLOT_BOTTOM = 250;
  private static final int LEFT = 20;
  private static final int BAR = 22;

  /** One bar: position, size, colour and what it shows (for its tooltip and screen readers). */
  public record Bar(int x, int y, int width, int height, String fill, String title, int value) {}

  /** A text on the chart. */
  public record Label(int x, int y, String text) {}

  /** A legend entry. */
  public record Series(String name, String fill) {}

  private static final List<Series> SERIES = List.of(
      new Series("Received", "#4a5568"), new Series("Complied in whole", "#2f855a"),
      new Series("Complied in part", "#b7791f"), new Series("Denied", "#c53030"));

  public static MetricsChart of(YearMetrics metrics) {
    int max = Math.max(1, metrics.types().stream().mapToInt(YearMetrics.Row::received).max().orElse(1));
    int groupWidth = (WIDTH - LEFT) / metrics.types().size();
    List<Bar> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int g = 0; g < metrics.types().size(); g++) {
      YearMetrics.Row row = metrics.types().get(g);
      int[] values = {row.received(), row.compliedInWhole(), row.compliedInPart(), row.denied()};
      int x0 = LEFT + g * groupWidth + (groupWidth - SERIES.size() * BAR) / 2;
      for (int s = 0; s < values.length; s++) {
        int h = (int) Math.round((double) values[s] * (PLOT_BOTTOM - PLOT_TOP) / max);
        int x = x0 + s * BAR;
        bars.add(new Bar(x, PLOT_BOTTOM - h, BAR - 4, h, SERIES.get(s).fill(),
            row.type() + " " + SERIES.get(s).name().toLowerCase() + ": " + values[s], values[s]));
        labels.add(new Label(x + (BAR - 4) / 2, PLOT_BOTTOM - h - 4, String.valueOf(values[s])));
      }
      labels.add(new Label(LEFT + g * groupWidth + groupWidth / 2, PLOT_BOTTOM + 20, row.type().name().replace('_', '-')));
    }
    return new MetricsChart(WIDTH, HEIGHT, List.copyOf(bars), List.copyOf(labels), SERIES);
  }
}
