package org.greenvn;

import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VirtualNumber;

/**
 * The tenant and the numbers the core tests share, so that a number means the same thing in
 * every test. All are valid Indian numbers for libphonenumber.
 *
 * <p>The virtual numbers are named region, then {@code _L} (landline) or {@code _M} (mobile). In
 * E.164 order, which is the selection's last tie-breaker, they run
 * {@code DL_L < MU_L < WB_L < AP_L < KA_L < DL_M < KA_M}: a test that expects the first of two
 * equally loaded numbers relies on this order.
 */
public final class TestNumbers {

  /** The SID of the tenant most tests allocate in. */
  public static final String SID = "acme";

  /** Delhi landline, {@code +911123456789}: first in E.164 order. */
  public static final VirtualNumber DL_L =
      VirtualNumber.of("+911123456789", Region.DL, NumberType.LANDLINE);

  /** Mumbai landline, {@code +912223456789}: after {@link #DL_L}. */
  public static final VirtualNumber MU_L =
      VirtualNumber.of("+912223456789", Region.MU, NumberType.LANDLINE);

  /** West Bengal landline, {@code +913323456789}: after {@link #MU_L}. */
  public static final VirtualNumber WB_L =
      VirtualNumber.of("+913323456789", Region.WB, NumberType.LANDLINE);

  /** Andhra Pradesh landline, {@code +914048212136}: after {@link #WB_L}. */
  public static final VirtualNumber AP_L =
      VirtualNumber.of("+914048212136", Region.AP, NumberType.LANDLINE);

  /** Karnataka landline, {@code +918041234567}: after {@link #AP_L}. */
  public static final VirtualNumber KA_L =
      VirtualNumber.of("+918041234567", Region.KA, NumberType.LANDLINE);

  /** Delhi mobile, {@code +919811111111}: after {@link #KA_L}. */
  public static final VirtualNumber DL_M =
      VirtualNumber.of("+919811111111", Region.DL, NumberType.MOBILE);

  /** Karnataka mobile, {@code +919845000001}: last in E.164 order. */
  public static final VirtualNumber KA_M =
      VirtualNumber.of("+919845000001", Region.KA, NumberType.MOBILE);

  /** An A party; its national form is {@code 09876543210}. */
  public static final String A1 = "+919876543210";

  /** A second A party. */
  public static final String A2 = "+919800000011";

  /** A third A party. */
  public static final String A3 = "+919800000012";

  /** A B party. */
  public static final String B1 = "+919800000001";

  /** A second B party. */
  public static final String B2 = "+919800000002";

  /** A third B party. */
  public static final String B3 = "+919800000003";

  /** A fourth B party. */
  public static final String B4 = "+919800000004";

  /** A caller in no allocation, outside the parties' number range. */
  public static final String STRANGER = "+917000000001";

  /**
   * A caller in no allocation, inside the parties' number range; its national form is {@code
   * 09800000050}.
   */
  public static final String OUTSIDER = "+919800000050";

  private TestNumbers() {}
}
