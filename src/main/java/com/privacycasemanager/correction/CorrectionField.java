package com.privacycasemanager.correction;

/**
 * One field a consumer asked to correct and what became of it. The requested value is personal
 * data: null once the case has closed; never logged (no {@code toString} of it).
 */
public record CorrectionField(String field, String requestedValue, Decision decision, Result result, String note) {

  /** The reviewer's decision on the field. */
  public enum Decision {
    APPROVED,
    DENIED,
    /** Deleted instead of corrected (§7023(e)). */
    DELETE_INSTEAD
  }

  /** What applying the decision did. */
  public enum Result {
    /** The new value was written wherever the field is held. */
    CORRECTED,
    /** The value was erased wherever the field is held. */
    ERASED,
    /** Deletion was chosen but some column holding the field must be kept (its note says why). */
    KEPT,
    /** The business holds no value of this field for the consumer. */
    NOT_HELD,
    /** The new value does not fit the column (for example not a date). */
    INVALID_VALUE
  }

  /** Whether the consumer got what they asked for (or deletion instead) for this field. */
  public boolean complied() {
    return result == Result.CORRECTED || result == Result.ERASED || result == Result.NOT_HELD;
  }

  @Override
  public String toString() {
    return "CorrectionField[" + field + ", " + decision + ", " + result + "]";
  }
}
