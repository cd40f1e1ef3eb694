/**
 * Canonical records of the platform, in SI units with the unit in every name: every message family (CSAE 53,
 * SAE J2735, ETSI ITS) is converted to these by adapters, and applications see nothing else.
 *
 * <p>Conventions: positions are WGS84 degrees; headings are degrees clockwise from true north in [0, 360) as in
 * J2735 DE_Heading and CSAE 53 Heading; speeds m/s; accelerations m/s²; times are epoch microseconds of message
 * time (the time the sender measured, not the time we received). Unknown optional quantities are {@code NaN}.
 */
package io.cheluyun.model;
