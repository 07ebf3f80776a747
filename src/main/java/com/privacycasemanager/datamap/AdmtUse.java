package com.privacycasemanager.datamap;

import com.privacycasemanager.request.CcpaCategory;
import java.util.List;

/**
 * One use of automated decisionmaking technology for a significant decision about consumers
 * (11 CCR §§7001(e), 7200): what it decides and why, how it works in plain language, where each
 * consumer's outputs are kept, the human's part, and either the alternative process offered to
 * those who opt out or the one §7221(b) exception relied on instead of the opt-out. The Pre-use
 * Notice (§7220), the opt-out (§7221), access (§7222) and appeal requests all read it.
 *
 * @param id stable identifier (lower case, digits, '-'): the check API and requests name the use by it
 * @param name how the notice titles the use
 * @param decision the kind of significant decision (§7001(ddd))
 * @param purpose the specific purpose, in plain language (§7220(c)(1): not "to make a decision")
 * @param logic how it uses personal information to reach its output (§7220(c)(5)(A), §7222(b)(2))
 * @param parameters the categories of personal information that affect the output
 * @param output what it produces and how that output is used in the decision (§7220(c)(5)(B))
 * @param outputs where the consumer's outputs are kept: a table of the data map and its time column
 * @param humanRole what people do with the output, and what they may change
 * @param alternative the process for consumers who opt out (§7220(c)(5)(C)); required unless an exception is relied on
 * @param exception the §7221(b) exception relied on instead of offering the opt-out, if any
 */
public record AdmtUse(
    String id,
    String name,
    SignificantDecision decision,
    String purpose,
    String logic,
    List<CcpaCategory> parameters,
    Output output,
    Outputs outputs,
    String humanRole,
    String alternative,
    Exception exception) {

  public AdmtUse {
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }

  /** Whether consumers may opt out of this use (no §7221(b) exception is relied on). */
  public boolean optOutOffered() {
    return exception == null;
  }

  /** Whether the human-appeal exception (§7221(b)(1)) is relied on, so consumers appeal instead of opting out. */
  public boolean appealOffered() {
    return exception != null && exception.basis() == ExceptionBasis.HUMAN_APPEAL;
  }

  /** The significant decisions of §7001(ddd); advertising to a consumer is not one. */
  public enum SignificantDecision {
    FINANCIAL_LENDING("financial or lending services"),
    HOUSING("housing"),
    EDUCATION("education enrolment or opportunities"),
    EMPLOYMENT("employment or independent contracting opportunities or compensation"),
    HEALTHCARE("healthcare services");

    private final String label;

    SignificantDecision(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What the technology produces, and how the business uses it for the decision. */
  public record Output(String type, String use) {}

  /**
   * The table of a connected system that holds each consumer's outputs (reached from the consumer
   * like any other table of the map) and the column dating each output.
   */
  public record Outputs(String system, String table, String time) {}

  /** The closed list of §7221(b) exceptions to offering the opt-out. */
  public enum ExceptionBasis {
    /** (b)(1): a human reviewer who must consider the consumer's appeal and may overturn the decision. */
    HUMAN_APPEAL("a human appeal of the decision"),
    /** (b)(2): used solely to assess ability to perform at work or in education, for admission, acceptance or hiring. */
    ADMISSION_HIRING("admission, acceptance or hiring decisions"),
    /** (b)(3): used solely for the allocation or assignment of work and compensation. */
    WORK_ALLOCATION("allocation or assignment of work and compensation");

    private final String label;

    ExceptionBasis(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The exception relied on; for a human appeal, the Camunda group whose members review appeals
   * and may overturn the decision, how a consumer appeals, and optionally the column of the
   * outputs table where an appeal's outcome is written on the decision appealed.
   */
  public record Exception(ExceptionBasis basis, String reviewerGroup, String howToAppeal, String outcomeColumn) {

    /** Without a column to write an appeal's outcome to. */
    public Exception(ExceptionBasis basis, String reviewerGroup, String howToAppeal) {
      this(basis, reviewerGroup, howToAppeal, null);
    }
  }
}
