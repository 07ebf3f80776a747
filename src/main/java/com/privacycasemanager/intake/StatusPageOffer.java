package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import java.util.Map;

/**
 * What a right offers on the status page of every case, whatever the case's own right: a next
 * step the consumer the case names may take from there without typing their identifiers again
 * (leave a financial incentive program). The status page takes every such bean from Spring, so it
 * imports no right; each offer's form posts back the page's status token, which is what
 * authenticates it.
 */
public interface StatusPageOffer {

  /** The template whose fragment {@code section} shows the offer, from what {@link #model} put in the model. */
  String template();

  /**
   * Model attributes for the status page of {@code record}, opened with {@code token}; empty when
   * the offer has nothing for this case (it is then not shown).
   */
  Map<String, Object> model(CaseRecord record, String token);
}
