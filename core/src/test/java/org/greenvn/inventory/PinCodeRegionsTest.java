package org.greenvn.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** PIN code to region: the shipped table, the longest prefix, the nearest supported region. */
class PinCodeRegionsTest {

  private final PinCodeRegions india = PinCodeRegions.india();

  private static PinCodeRegions table(String csv) throws IOException {
    InputStream in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    return PinCodeRegions.load(in);
  }

  @ParameterizedTest(name = "{0} ({2}) -> {1}")
  @CsvSource({
    "110001, DL, New Delhi",
    "110092, DL, East Delhi",
    "302001, RJ, Jaipur",
    "342001, RJ, Jodhpur",
    "380001, GJ, Ahmedabad",
    "395003, GJ, Surat",
    "396191, GJ, Vapi",
    "400001, MU, Mumbai Fort",
    "400076, MU, Powai",
    "401101, MU, Bhayandar",
    "421301, MU, Kalyan",
    "411001, MH, Pune",
    "402201, MH, Alibag (Raigad)",
    "403001, MH, Panaji (Goa)",
    "440001, MH, Nagpur",
    "452001, MP, Indore",
    "462001, MP, Bhopal",
    "492001, MP, Raipur (Chhattisgarh)",
    "500001, AP, Hyderabad (Telangana)",
    "520001, AP, Vijayawada",
    "530001, AP, Visakhapatnam",
    "560041, KA, Bengaluru",
    "570001, KA, Mysuru",
    "600001, TN, Chennai",
    "605001, TN, Puducherry",
    "641001, TN, Coimbatore",
    "682001, KL, Kochi",
    "695001, KL, Thiruvananthapuram",
    "700001, WB, Kolkata",
    "711101, WB, Howrah",
    "737101, WB, Gangtok (Sikkim)",
    "744101, WB, Port Blair"
  })
  void pinCodeOfASupportedAreaMapsToItsRegion(String pinCode, Region region, String place) {
    assertThat(india.regionOf(pinCode)).as(place).contains(region);
  }

  @ParameterizedTest(name = "{0} ({2}) -> nearest {1}")
  @CsvSource({
    "751001, WB, Bhubaneswar (Odisha)",
    "141001, DL, Ludhiana (Punjab)",
    "800001, WB, Patna (Bihar)",
    "160017, DL, Chandigarh",
    "171001, DL, Shimla (Himachal Pradesh)",
    "180001, DL, Jammu",
    "190001, DL, Srinagar",
    "201301, DL, Noida",
    "248001, DL, Dehradun (Uttarakhand)",
    "226001, MP, Lucknow",
    "282001, MP, Agra",
    "781001, WB, Guwahati (Assam)",
    "793001, WB, Shillong",
    "834001, WB, Ranchi (Jharkhand)",
    "760001, AP, Berhampur (Odisha)"
  })
  void pinCodeOutsideTheSupportedAreasMapsToTheNearestRegion(
      String pinCode, Region region, String place) {
    assertThat(india.regionOf(pinCode)).as(place).contains(region);
  }

  /**
   * Places whose PIN code falls under a two-digit prefix named after a distant city. Distances
   * from the place itself to the table's supported cities: Kanpur is 216 km from Gwalior (MP) and
   * 390 km from Delhi; Sambalpur 244 km from Raipur (MP) and 428 km from Visakhapatnam (AP);
   * Rourkela 255 km from Medinipur (WB) and 351 km from Raipur, over 500 km from Visakhapatnam.
   */
  @ParameterizedTest(name = "{0} ({2}) -> nearest {1}")
  @CsvSource({
    "208001, MP, Kanpur (Uttar Pradesh)",
    "768001, MP, Sambalpur (Odisha)",
    "769001, WB, Rourkela (Odisha)"
  })
  void pinCodeFarFromItsPrefixesCityStillMapsToItsNearestRegion(
      String pinCode, Region region, String place) {
    assertThat(india.regionOf(pinCode)).as(place).contains(region);
  }

  @Test
  void everySupportedRegionIsReachable() {
    Set<Region> reached = EnumSet.noneOf(Region.class);
    for (int prefix = 100; prefix <= 999; prefix++) {
      india.regionOf(prefix + "001").ifPresent(reached::add);
    }
    assertThat(reached).containsExactlyInAnyOrder(Region.values());
  }

  @Test
  void exactlyTheIndiaPostCirclesAreKnown() {
    // India Post's first two digits: 11-28, 30-34, 36-53, 56-64, 67-85. 90-99 is the Army Postal
    // Service, and the rest are unused.
    Set<Integer> expected = new TreeSet<>();
    IntStream.rangeClosed(11, 28).forEach(expected::add);
    IntStream.rangeClosed(30, 34).forEach(expected::add);
    IntStream.rangeClosed(36, 53).forEach(expected::add);
    IntStream.rangeClosed(56, 64).forEach(expected::add);
    IntStream.rangeClosed(67, 85).forEach(expected::add);

    Set<Integer> known = new TreeSet<>();
    for (int circle = 10; circle <= 99; circle++) {
      if (india.regionOf(circle + "0011").isPresent()) {
        known.add(circle);
      }
    }
    assertThat(known).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "56004", "5600411", "056004", "000000", "56O041", "56004a", "560 41", "-56004",
        "350001", "650001", "990001", "900001", " 560041"
      })
  void textThatIsNotAKnownPinCodeHasNoRegion(String text) {
    assertThat(india.regionOf(text)).isEmpty();
  }

  @Test
  void theFormOfAPinCodeIsSixDigitsNotStartingWithZero() {
    assertThat(PinCodeRegions.isPinCode("560041")).isTrue();
    assertThat(PinCodeRegions.isPinCode("999999")).isTrue();
    assertThat(PinCodeRegions.isPinCode("100000")).isTrue();
    assertThat(PinCodeRegions.isPinCode("060041")).isFalse();
    assertThat(PinCodeRegions.isPinCode("56004")).isFalse();
    assertThat(PinCodeRegions.isPinCode("5600410")).isFalse();
    assertThat(PinCodeRegions.isPinCode("56004x")).isFalse();
    assertThat(PinCodeRegions.isPinCode("５６００４１")).isFalse();
    assertThat(PinCodeRegions.isPinCode(null)).isFalse();
  }

  @Test
  void theSameTableIsSharedAndStable() {
    assertThat(PinCodeRegions.india()).isSameAs(india);
    assertThat(india.regionOf("560041")).isEqualTo(india.regionOf("560041"));
  }

  // ---------------------------------------------------------------------------------------------
  // tables of our own

  @Test
  void theLongestPrefixWins() throws IOException {
    PinCodeRegions t =
        table(
            """
            # prefix,area,latitude,longitude,region
            40,Maharashtra,18.64,72.87,MH
            400,Mumbai,19.08,72.88,MU
            """);
    assertThat(t.regionOf("400001")).contains(Region.MU);
    assertThat(t.regionOf("401001")).contains(Region.MH);
    assertThat(t.regionOf("410001")).isEmpty();
  }

  @Test
  void theNearestRegionIsFoundByGreatCircleDistance() throws IOException {
    // At 60 degrees north a degree of longitude is half a degree of latitude: DL, 20 degrees east,
    // is ~1100 km away, KA, 15 degrees south, ~1670 km. Comparing degrees would pick KA.
    PinCodeRegions t =
        table(
            """
            11,North,60.00,0.00,-
            12,East,60.00,20.00,DL
            13,South,45.00,0.00,KA
            """);
    assertThat(t.regionOf("110001")).contains(Region.DL);
    assertThat(t.regionOf("120001")).contains(Region.DL);
    assertThat(t.regionOf("130001")).contains(Region.KA);
  }

  @Test
  void anUnsupportedAreaNeverTakesTheRegionOfAnotherUnsupportedArea() throws IOException {
    PinCodeRegions t =
        table(
            """
            11,Here,20.00,80.00,-
            12,Very close but unsupported,20.01,80.01,-
            13,Far,25.00,80.00,WB
            """);
    assertThat(t.regionOf("110001")).contains(Region.WB);
    assertThat(t.regionOf("120001")).contains(Region.WB);
  }

  @Test
  void commentsAndBlankLinesAreSkipped() throws IOException {
    PinCodeRegions t = table("# a comment\n\n   \n56,Bengaluru,12.97,77.59,KA\n");
    assertThat(t.regionOf("560041")).contains(Region.KA);
  }

  @Test
  void aMalformedRowIsRefused() {
    assertThatThrownBy(() -> table("56,Bengaluru,12.97,KA\n")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> table("56,Bengaluru,12.97,77.59,KA,extra\n"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anUnknownRegionInTheTableIsRefused() {
    assertThatThrownBy(() -> table("56,Bengaluru,12.97,77.59,XX\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTableWithoutAnySupportedRegionCannotPlaceAnUnsupportedArea() {
    assertThatThrownBy(() -> table("75,Odisha,20.30,85.82,-\n"))
        .isInstanceOf(RuntimeException.class);
  }
}
