/** The case file staff open from a task: the record, its trail and its recipients. */
package com.privacycasemanager.records;
