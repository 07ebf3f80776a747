package com.privacycasemanager.admt;

import com.privacycasemanager.admt.ConsumerOutputs.Output;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a request to access ADMT for one use (11 CCR §7222(b)), in the data map's plain
 * language: made by {@link AdmtAnswers}, shown by a page or as JSON. Personal data: never logged.
 *
 * @param useId the ADMT use of the data map
 * @param name how the notice titles the use
 * @param significantDecision the kind of significant decision (§7001(ddd))
 * @param purpose (b)(1): the specific purpose the technology was used for about the consumer
 * @param logic (b)(2): how it processed the consumer's personal information, and its parameters
 * @param outputs (b)(2): the consumer's own outputs, listed or in aggregate (§7222(j))
 * @param outcome (b)(3): how the output is used for the decision and the human's part
 * @param withheld (c): the output columns left out, each with its ground and basis
 */
public record AdmtExplanation(
    String useId,
    String name,
    String significantDecision,
    String purpose,
    Logic logic,
    YourOutputs outputs,
    Outcome outcome,
    List<WithheldColumn> withheld) {

  public AdmtExplanation {
    withheld = List.copyOf(withheld);
  }

  /**
   * @param description how the technology uses personal information to reach its output
   * @param parameters the categories of personal information that affect the output, as notices name them
   * @param outputType what it produces
   */
  public record Logic(String description, List<String> parameters, String outputType) {
    public Logic {
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * @param outputUse how the output is used in the decision (for example whether it alone decides)
   * @param humanRole what people do with the output, and what they may change
   */
  public record Outcome(String outputUse, String humanRole) {}

  /**
   * The consumer's outputs. When the use ran on the consumer more than {@link AdmtAnswers#MOST_LISTED}
   * times in the 12 months before receipt, those outputs are summed up in {@code aggregate} and not
   * listed (§7222(j)); outputs outside that period (older, after receipt, or undated) are listed
   * either way, since the aggregate rule covers only the period.
   *
   * @param period the 12 months before receipt
   * @param inPeriod how many times the use ran on the consumer in the period
   * @param total how many outputs were found, whatever their date
   * @param timeLabel how the outputs' time is labelled
   * @param shown the labels of the columns each listed output shows, in order (withheld columns left out)
   * @param aggregate the period's outputs summed up; null when they are listed
   * @param listed the outputs listed one by one, newest first
   */
  public record YourOutputs(
      TwelveMonths period,
      int inPeriod,
      int total,
      String timeLabel,
      List<String> shown,
      Aggregate aggregate,
      List<Output> listed) {

    public YourOutputs {
      shown = List.copyOf(shown);
      listed = List.copyOf(listed);
    }

    public boolean aggregated() {
      return aggregate != null;
    }
  }

  /**
   * The outputs of the 12 months before receipt, summed up (§7222(j)).
   *
   * @param decisions how many outputs the period holds
   * @param first the earliest of them
   * @param last the latest of them
   * @param columns a summary of each column shown, the row references (key, parent link) left out
   */
  public record Aggregate(int decisions, Instant first, Instant last, List<ColumnSummary> columns) {
    public Aggregate {
      columns = List.copyOf(columns);
    }

    /** The summary of the column of this name, if it was summed up. */
    public Optional<ColumnSummary> column(String name) {
      return columns.stream().filter(c -> c.column().equalsIgnoreCase(name)).findFirst();
    }
  }

  /**
   * One column over the period: min, mean and max when every value is a number, else the most
   * frequent values with their counts (for an outcome column: how often each outcome came out).
   *
   * @param count how many outputs have a value in this column
   * @param numbers for a numeric column; null otherwise
   * @param values for any other column, the most frequent values, most frequent first; empty for a numeric one
   * @param others how many values are not among {@code values}
   */
  public record ColumnSummary(String column, String label, int count, Numbers numbers, List<ValueCount> values, int others) {
    public ColumnSummary {
      values = List.copyOf(values);
    }

    public boolean numeric() {
      return numbers != null;
    }
  }

  /** The mean is rounded to two decimals. */
  public record Numbers(BigDecimal min, BigDecimal mean, BigDecimal max) {}

  public record ValueCount(String value, int count) {}

  /**
   * An output column the answer leaves out (§7222(c)).
   *
   * @param ground the ground of §7222(c) it falls under, and {@code groundLabel} how the answer names it
   * @param basis the reviewer's reason
   */
  public record WithheldColumn(String column, String label, Withholding.Ground ground, String groundLabel, String basis) {}
}
