package org.greenvn.allocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.PinCodeRegions;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VnCriteria;
import org.greenvn.phone.InvalidPhoneNumberException;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;

/**
 * Checks requests against the spec's rules, in a fixed order, and turns them into typed values.
 * The first broken rule is thrown as a {@link GreenVnException} with its code; messages name the
 * field, never a PIN.
 */
final class AllocationValidator {

  static final int MAX_ID_LENGTH = 256;

  /** A create request that passed every check that needs no store. */
  record Draft(
      String connectionId,
      Parties parties,
      boolean strict,
      Preferences preferences,
      VnCriteria criteria,
      Optional<String> flowId,
      Duration deallocationDuration) {}

  /** Both sides of an allocation, checked against each other. */
  record Parties(
      List<PhoneNumber> aNumbers,
      List<PhoneNumber> bNumbers,
      List<Pin> aPins,
      List<Pin> bPins,
      Usage usage) {

    List<PhoneNumber> allNumbers() {
      List<PhoneNumber> all = new ArrayList<>(aNumbers);
      all.addAll(bNumbers);
      return all;
    }

    List<Pin> allPins() {
      List<Pin> all = new ArrayList<>(aPins);
      all.addAll(bPins);
      return all;
    }
  }

  private final PinCodeRegions pinCodes;

  AllocationValidator(PinCodeRegions pinCodes) {
    this.pinCodes = pinCodes;
  }

  Draft validateCreate(Tenant tenant, AllocationRequest request) {
    String connectionId =
        request
            .connectionId()
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> missing("connection_id"));
    List<String> aRaw = request.aPartyNumbers().filter(l -> !l.isEmpty())
        .orElseThrow(() -> missing("aparty_numbers"));
    List<String> bRaw = request.bPartyNumbers().filter(l -> !l.isEmpty())
        .orElseThrow(() -> missing("bparty_numbers"));
    String usageRaw =
        request.usage().filter(u -> !u.isBlank()).orElseThrow(() -> missing("usage"));

    if (connectionId.length() > MAX_ID_LENGTH) {
      throw bad("connection_id is longer than " + MAX_ID_LENGTH + " characters");
    }
    Usage usage = usage(usageRaw);
    Duration duration =
        request
            .deallocationDuration()
            .map(
                text ->
                    DeallocationDurations.parse(text)
                        .orElseThrow(
                            () ->
                                bad(
                                    "deallocation_policy.duration must be a positive whole"
                                        + " number of s, m, h or d")))
            .orElse(tenant.defaultDeallocation());
    VnCriteria criteria = criteria(request.strict(), request.preferences());
    Parties parties =
        parties(
            tenant,
            aRaw,
            bRaw,
            request.aPartyPins().orElse(List.of()),
            request.bPartyPins().orElse(List.of()),
            usage);
    Optional<String> flowId = request.flowId().filter(s -> !s.isBlank());
    if (flowId.isPresent() && tenant.flow(flowId.get()).isEmpty()) {
      throw new GreenVnException(ErrorCode.INVALID_CALL_FLOW, "Unknown flow_id");
    }
    return new Draft(
        connectionId, parties, request.strict(), request.preferences(), criteria, flowId,
        duration);
  }

  static Usage usage(String raw) {
    return Usage.parse(raw).orElseThrow(() -> bad("usage must be 'oneway' or 'twoway'"));
  }

  /** Checks both sides: sizes (5), PIN values (5), numbers (16), repeats (13), overlap (14). */
  Parties parties(
      Tenant tenant,
      List<String> aRaw,
      List<String> bRaw,
      List<Long> aPinsRaw,
      List<Long> bPinsRaw,
      Usage usage) {
    List<Pin> aPins = pins(tenant, "aparty_pins", aPinsRaw);
    List<Pin> bPins = pins(tenant, "bparty_pins", bPinsRaw);
    List<PhoneNumber> aNumbers = numbers(tenant, "aparty_numbers", aRaw);
    List<PhoneNumber> bNumbers = numbers(tenant, "bparty_numbers", bRaw);
    return checkedParties(aNumbers, bNumbers, aPins, bPins, usage);
  }

  /** Checks repeats within a list (13) and across the sides (14). */
  static Parties checkedParties(
      List<PhoneNumber> aNumbers,
      List<PhoneNumber> bNumbers,
      List<Pin> aPins,
      List<Pin> bPins,
      Usage usage) {
    noRepeats("aparty_numbers", aNumbers);
    noRepeats("bparty_numbers", bNumbers);
    noRepeats("aparty_pins", aPins);
    noRepeats("bparty_pins", bPins);
    if (intersects(aNumbers, bNumbers)) {
      throw new GreenVnException(
          ErrorCode.DUPLICATE_IN_REQUEST,
          "aparty_numbers and bparty_numbers cannot contain the same number");
    }
    if (intersects(aPins, bPins)) {
      throw new GreenVnException(
          ErrorCode.DUPLICATE_IN_REQUEST,
          "aparty_pins and bparty_pins cannot contain the same pin");
    }
    return new Parties(aNumbers, bNumbers, aPins, bPins, usage);
  }

  /** Checks the preferences: number (16), type (5), PIN code (5), region (15). */
  VnCriteria criteria(boolean strict, Preferences preferences) {
    Optional<PhoneNumber> number =
        preferences.greenvn().map(text -> number("preferences.greenvn", text));
    Optional<NumberType> type =
        preferences
            .type()
            .map(
                text ->
                    NumberType.parse(text)
                        .orElseThrow(
                            () -> bad("preferences.type must be 'mobile' or 'landline'")));
    Optional<Region> pinCodeRegion =
        preferences
            .pinCode()
            .map(
                text ->
                    pinCodes
                        .regionOf(text.strip())
                        .orElseThrow(
                            () -> bad("preferences.pin_code is not a known Indian PIN code")));
    Optional<Region> region =
        preferences
            .region()
            .map(
                text ->
                    Region.parse(text)
                        .orElseThrow(
                            () ->
                                new GreenVnException(
                                    ErrorCode.REGION_NOT_SUPPORTED,
                                    "preferences.region is not supported")));
    return new VnCriteria(number, region.or(() -> pinCodeRegion), type, strict);
  }

  private static void checkSize(Tenant tenant, String field, List<?> values) {
    if (values.size() > tenant.maxPartySize()) {
      throw bad(field + " lists more than " + tenant.maxPartySize() + " entries");
    }
  }

  /** Checks a list of numbers: at most the tenant's party size (5), each valid E.164 (16). */
  static List<PhoneNumber> numbers(Tenant tenant, String field, List<String> raw) {
    checkSize(tenant, field, raw);
    List<PhoneNumber> numbers = new ArrayList<>(raw.size());
    for (String text : raw) {
      if (text == null) {
        throw bad(field + " must not contain null");
      }
      numbers.add(number(field, text));
    }
    return numbers;
  }

  private static PhoneNumber number(String field, String text) {
    try {
      return PhoneNumber.of(text);
    } catch (InvalidPhoneNumberException e) {
      throw new GreenVnException(
          ErrorCode.INVALID_NUMBER, field + " has a number that is not valid E.164");
    }
  }

  /**
   * Checks PINs: at most the tenant's party size (5), positive integers that a caller can key at
   * the tenant's PIN prompt, so of at most its flow's {@code pinMaxDigits} digits (a longer PIN
   * could never be entered).
   */
  static List<Pin> pins(Tenant tenant, String field, List<Long> raw) {
    checkSize(tenant, field, raw);
    int maxDigits = tenant.defaultFlow().pinMaxDigits();
    List<Pin> pins = new ArrayList<>(raw.size());
    for (Long value : raw) {
      if (value == null || value < 1 || Long.toString(value).length() > maxDigits) {
        throw bad(field + " must hold positive integers of at most " + maxDigits + " digits");
      }
      pins.add(Pin.of(value));
    }
    return pins;
  }

  private static <T> void noRepeats(String field, List<T> values) {
    if (new HashSet<>(values).size() != values.size()) {
      throw new GreenVnException(
          ErrorCode.DUPLICATE_IN_GROUP_LIST, field + " contains the same entry twice");
    }
  }

  private static <T> boolean intersects(List<T> a, List<T> b) {
    Set<T> set = new HashSet<>(a);
    for (T value : b) {
      if (set.contains(value)) {
        return true;
      }
    }
    return false;
  }

  static GreenVnException missing(String field) {
    return new GreenVnException(ErrorCode.MISSING_PARAMETER, field + " is mandatory");
  }

  static GreenVnException bad(String message) {
    return new GreenVnException(ErrorCode.BAD_PARAMETER, message);
  }
}
