package com.privacycasemanager.intake;

import com.privacycasemanager.support.BadInputContract;

/** The bad-input table on the embedded default (H2), with its demo users. */
class BadInputTest extends BadInputContract {

  @Override
  protected String[] preferenceUser() {
    return new String[] {"adsystem", "adsystem"};
  }

  @Override
  protected String[] engineUser() {
    return new String[] {"demo", "demo"};
  }
}
