package com.privacycasemanager.admt;

import com.privacycasemanager.admt.AdmtExplanation.Aggregate;
import com.privacycasemanager.admt.AdmtExplanation.ColumnSummary;
import com.privacycasemanager.admt.AdmtExplanation.Logic;
import com.privacycasemanager.admt.AdmtExplanation.Numbers;
import com.privacycasemanager.admt.AdmtExplanation.Outcome;
import com.privacycasemanager.admt.AdmtExplanation.ValueCount;
import com.privacycasemanager.admt.AdmtExplanation.WithheldColumn;
import com.privacycasemanager.admt.AdmtExplanation.YourOutputs;
import com.privacycasemanager.admt.ConsumerOutputs.Column;
import com.privacycasemanager.admt.ConsumerOutputs.Output;
import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.Subject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Answers a request to access ADMT for one use (11 CCR §7222(b)): the use as the data map describes
 * it, the consumer's outputs of it, and what the reviewer withholds (§7222(c)).
 *
 * <p>The aggregate rule (§7222(j)): when the use ran on the consumer more than {@link #MOST_LISTED}
 * times in the 12 months before receipt, the outputs of that period are summed up (how many, the
 * first and the last, and per column min/mean/max or the most frequent values — an outcome column
 * so gives the count of each outcome, a main-factors column how often each factor weighed most)
 * and not listed; with {@value #MOST_LISTED} or fewer each is listed. Outputs outside the period are
 * listed individually either way: the rule allows an aggregate for the period only, and the
 * regulation sets no look-back limit on the outputs an answer covers.
 */
@Component
public class AdmtAnswers {

  /** Up to this many uses in the 12 months before receipt, every output is listed (§7222(j)). */
  public static final int MOST_LISTED = 4;

  /** How many of a text column's values an aggregate names; the rest are counted. */
  static final int MOST_FREQUENT = 10;

  private final AdmtOutputs outputs;
  private final ConnectedSystems systems;

  public AdmtAnswers(AdmtOutputs outputs, ConnectedSystems systems) {
    this.outputs = outputs;
    this.systems = systems;
  }

  /** The answer for the data map's use {@code useId}. */
  public AdmtExplanation answer(Subject subject, String useId, Instant receivedAt, Withholding withholding) {
    AdmtUse use = systems.map().admtUse(useId)
        .orElseThrow(() -> new IllegalArgumentException("no admt use '" + useId + "' in the data map"));
    return answer(subject, use, receivedAt, withholding);
  }

  /** The answer for {@code use} to a request received at {@code receivedAt}. */
  public AdmtExplanation answer(Subject subject, AdmtUse use, Instant receivedAt, Withholding withholding) {
    // a withholding naming no output column is refused before any system is read
    Objects.requireNonNull(withholding, "withholding (Withholding.none() when nothing is withheld)");
    check(use.id(), outputColumns(systems.map(), use), withholding);
    return explain(use, outputs.of(subject, use), outputs.twelveMonthsBefore(receivedAt), withholding);
  }

  /** The answer from outputs already found; reads nothing. */
  public static AdmtExplanation explain(AdmtUse use, ConsumerOutputs found, TwelveMonths period, Withholding withholding) {
    Objects.requireNonNull(withholding, "withholding (Withholding.none() when nothing is withheld)");
    check(use.id(), found.columns().stream().map(Column::name).toList(), withholding);
    List<WithheldColumn> withheld = new ArrayList<>();
    List<Column> shown = new ArrayList<>();
    for (Column column : found.columns()) {
      var w = withholding.find(column.name());
      if (w.isPresent()) {
        withheld.add(new WithheldColumn(column.name(), column.label(), w.get().ground(), w.get().ground().label(), w.get().basis()));
      } else {
        shown.add(column);
      }
    }
    List<String> hidden = withheld.stream().map(WithheldColumn::label).toList();

    List<Output> inPeriod = found.within(period);
    Aggregate aggregate = inPeriod.size() > MOST_LISTED ? aggregate(inPeriod, shown) : null;
    List<Output> listed = found.outputs().stream()
        .filter(o -> aggregate == null || !period.contains(o.time()))
        .map(o -> o.without(hidden))
        .toList();

    return new AdmtExplanation(
        use.id(),
        use.name(),
        use.decision().label(),
        use.purpose(),
        new Logic(use.logic(), use.parameters().stream().map(CcpaCategory::label).toList(), use.output().type()),
        new YourOutputs(period, inPeriod.size(), found.outputs().size(), found.timeLabel(),
            shown.stream().map(Column::label).toList(), aggregate, listed),
        new Outcome(use.output().use(), use.humanRole()),
        withheld);
  }

  private static Aggregate aggregate(List<Output> outputs, List<Column> shown) {
    // newest first, so the last is first and the first is last
    Instant last = outputs.get(0).time();
    Instant first = outputs.get(outputs.size() - 1).time();
    List<ColumnSummary> summaries = new ArrayList<>();
    for (Column column : shown) {
      if (!column.reference()) {
        summaries.add(summary(column, outputs));
      }
    }
    return new Aggregate(outputs.size(), first, last, summaries);
  }

  private static ColumnSummary summary(Column column, List<Output> outputs) {
    List<Object> values = new ArrayList<>(outputs.size());
    for (Output output : outputs) {
      Object value = output.values().get(column.label());
      if (value != null) {
        values.add(value);
      }
    }
    if (!values.isEmpty() && values.stream().allMatch(AdmtAnswers::isFiniteNumber)) {
      List<BigDecimal> numbers = values.stream().map(v -> new BigDecimal(v.toString())).toList();
      BigDecimal sum = numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      return new ColumnSummary(column.name(), column.label(), numbers.size(),
          new Numbers(
              numbers.stream().min(Comparator.naturalOrder()).orElseThrow(),
              sum.divide(BigDecimal.valueOf(numbers.size()), 2, RoundingMode.HALF_EVEN),
              numbers.stream().max(Comparator.naturalOrder()).orElseThrow()),
          List.of(), 0);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Object value : values) {
      counts.merge(String.valueOf(value), 1, Integer::sum);
    }
    List<ValueCount> frequent = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(MOST_FREQUENT)
        .map(e -> new ValueCount(e.getKey(), e.getValue()))
        .toList();
    int named = frequent.stream().mapToInt(ValueCount::count).sum();
    return new ColumnSummary(column.name(), column.label(), values.size(), null, frequent, values.size() - named);
  }

  private static boolean isFiniteNumber(Object value) {
    if (value instanceof Double d) {
      return Double.isFinite(d);
    }
    if (value instanceof Float f) {
      return Float.isFinite(f);
    }
    return value instanceof Number;
  }

  /** The columns of the use's outputs table that can be withheld: all but the time column, in map order. */
  static List<String> outputColumns(DataMap map, AdmtUse use) {
    return map.outputsTable(use).columns().keySet().stream().filter(c -> !c.equalsIgnoreCase(use.outputs().time())).toList();
  }

  /** Only output columns can be withheld: never the purpose, the logic or how the output is used. */
  private static void check(String useId, List<String> columns, Withholding withholding) {
    Set<String> known = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (Withholding.Withheld w : withholding.columns()) {
      if (!known.contains(w.column().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("admt use '" + useId + "': '" + w.column()
            + "' is not an output column that can be withheld; the output columns are " + columns);
      }
    }
  }
}
