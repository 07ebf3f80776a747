package com.privacycasemanager.datamap;

import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.RequestGroup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One financial incentive program or price or service difference offered for consumers' personal
 * information (Civ. Code §1798.125(b); 11 CCR §§7016, 7080, 7081): what it is and its material
 * terms, the categories of personal information it collects, the incentive, the good-faith
 * estimate of the value of the consumer's data with the §7081(a) method and its inputs, where
 * enrolment is kept, the recipients told of a withdrawal, and what happens to an enrolment when
 * the consumer exercises each right. The Notice of Financial Incentive, the consent records, the
 * withdrawal and the self-check all read it.
 *
 * @param id stable identifier (lower case, digits, '-'): the APIs and the check name the program by it
 * @param name how the notice titles the program
 * @param summary a succinct summary of the incentive (§7016(d)(1))
 * @param materialTerms the terms a consumer agrees to, one per entry (§7016(d)(2), §1798.125(b)(3))
 * @param categories the categories of personal information the program collects, sells, shares or retains
 * @param incentive the price or service difference, payment or benefit offered, and its value per consumer
 * @param valuation the good-faith estimate of the value of the consumer's data and how it was calculated
 *     (§7081); without one the program must not be offered (§7080(b)) and the self-check fails it
 * @param restsOnConsentTo what the consumer's opt-in consents to besides collection and retention:
 *     {@code SALE}, {@code SHARING}: an opt-out preference signal then conflicts with the enrolment (§7025(c)(4))
 * @param enrolment the table of a connected system that holds each consumer's enrolment, and the
 *     column a withdrawal dates there
 * @param withdrawalRecipients ids of the recipients registry told when a consumer withdraws
 * @param howToJoin how a consumer opts in (the notice states it, §7016(d)(3))
 * @param joinUrl where the business's own pages let a consumer join (optional): the notice links there too
 * @param rightsEffects for each right a consumer may exercise, what happens to an enrolment (§1798.125(a)(1))
 */
public record IncentiveProgram(
    String id,
    String name,
    String summary,
    List<String> materialTerms,
    List<CcpaCategory> categories,
    Incentive incentive,
    Valuation valuation,
    List<ConsentTo> restsOnConsentTo,
    Enrolment enrolment,
    List<String> withdrawalRecipients,
    String howToJoin,
    String joinUrl,
    Map<RequestGroup, RightEffect> rightsEffects) {

  public IncentiveProgram {
    materialTerms = materialTerms == null ? List.of() : List.copyOf(materialTerms);
    categories = categories == null ? List.of() : List.copyOf(categories);
    restsOnConsentTo = restsOnConsentTo == null ? List.of() : List.copyOf(restsOnConsentTo);
    withdrawalRecipients = withdrawalRecipients == null ? List.of() : List.copyOf(withdrawalRecipients);
    rightsEffects = rightsEffects == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rightsEffects));
  }

  /**
   * Whether the program may be offered: it has a good-faith estimate of the value of the data and
   * the method used (§7080(b): a business that cannot estimate it must not offer the difference).
   */
  public boolean offerable() {
    return valuation != null && valuation.estimate() != null && valuation.method() != null;
  }

  /** Whether the opt-in is consent to selling or sharing, so an opt-out preference signal conflicts with it (§7025(c)(4)). */
  public boolean restsOnSaleOrSharing() {
    return restsOnConsentTo.contains(ConsentTo.SALE) || restsOnConsentTo.contains(ConsentTo.SHARING);
  }

  /** What the consumer's opt-in consents to beyond the collection and retention every program has. */
  public enum ConsentTo { SALE, SHARING }

  /** The kinds of incentive §1798.125(b)(1) allows. */
  public enum IncentiveType {
    PRICE_DIFFERENCE("a different price or rate"),
    SERVICE_DIFFERENCE("a different level or quality of goods or services"),
    PAYMENT("a payment");

    private final String label;

    IncentiveType(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The incentive offered.
   *
   * @param type price or service difference, or payment
   * @param description what the consumer gets, in plain language
   * @param valuePerConsumer what it is worth to a consumer in US dollars over {@code per}, as the business estimates it
   * @param per the period the values are stated for ("year")
   */
  public record Incentive(IncentiveType type, String description, BigDecimal valuePerConsumer, String per) {}

  /** The methods §7081(a)(1)–(8) lists for calculating the value of consumer data. */
  public enum ValuationMethod {
    MARGINAL_VALUE("the marginal value to the business of the sale, collection or deletion of a consumer's data", "(a)(1)"),
    AVERAGE_VALUE("the average value to the business of the sale, collection or deletion of a consumer's data", "(a)(2)"),
    AGGREGATE_VALUE_PER_CONSUMER("the aggregate value to the business of the sale, collection or deletion of consumers' data, divided by the total number of consumers", "(a)(3)"),
    REVENUE("the revenue generated by the business from sale, collection or retention of consumers' personal information", "(a)(4)"),
    EXPENSES("the expenses related to the sale, collection or retention of consumers' personal information", "(a)(5)"),
    INCENTIVE_EXPENSES("the expenses related to the offer, provision or imposition of the financial incentive or price or service difference", "(a)(6)"),
    PROFIT("the profit generated by the business from sale, collection or retention of consumers' personal information", "(a)(7)"),
    OTHER("another practical and reliable method of calculation used in good faith", "(a)(8)");

    private final String label;
    private final String paragraph;

    ValuationMethod(String label, String paragraph) {
      this.label = label;
      this.paragraph = paragraph;
    }

    public String label() {
      return label;
    }

    /** The paragraph of 11 CCR §7081 that names the method. */
    public String citation() {
      return "11 CCR §7081" + paragraph;
    }
  }

  /**
   * The good-faith estimate (§7016(d)(5), §7081).
   *
   * @param estimate the value of the consumer's data to the business, in US dollars per consumer over the incentive's period
   * @param method the §7081(a) method used
   * @param inputs the figures the calculation used, by name (documented, §7081(a))
   * @param explanation how the estimate follows from the inputs, and why the incentive is reasonably related to it
   * @param calculatedOn when the estimate was made
   * @param population whose data the estimate is over (§7081(b) allows all natural persons in the United States)
   */
  public record Valuation(
      BigDecimal estimate, ValuationMethod method, Map<String, String> inputs, String explanation, LocalDate calculatedOn,
      String population) {

    public Valuation {
      inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
  }

  /**
   * Where each consumer's enrolment is kept: a table of the data map reached from the consumer,
   * and the column a withdrawal writes its time to (null: nothing written back).
   */
  public record Enrolment(String system, String table, String withdrawnColumn) {}

  /** What an enrolment becomes when its consumer exercises a right. */
  public enum RightEffect {
    /** The enrolment and its benefit continue. */
    UNCHANGED,
    /**
     * The benefit ends only because the data it needs is gone (a deletion of the points balance),
     * allowed where the data is necessary for the program (11 CCR §7080(d) illustrations).
     */
    ENDS_WITH_DATA,
    /** The enrolment or its benefit ends because the right was exercised. */
    ENDS
  }
}
