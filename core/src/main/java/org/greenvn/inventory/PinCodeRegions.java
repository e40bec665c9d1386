package org.greenvn.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps an Indian PIN code to the supported {@link Region} that serves it, or to the nearest
 * supported region by great-circle distance when its area is outside every supported one.
 *
 * <p>The table ships as the resource {@code pin-prefixes.csv} beside this class; its header names
 * its sources. Immutable and thread-safe.
 */
public final class PinCodeRegions {

  private static final String RESOURCE = "pin-prefixes.csv";
  private static final double EARTH_RADIUS_KM = 6371.0;

  private final Map<String, Region> regionByPrefix;

  private PinCodeRegions(Map<String, Region> regionByPrefix) {
    this.regionByPrefix = regionByPrefix;
  }

  /** The table shipped with greenvn. */
  public static PinCodeRegions india() {
    return Holder.INDIA;
  }

  /**
   * The region for a PIN code: six digits, the first not zero.
   *
   * @return the serving region, the nearest supported one, or empty when the text is not a PIN
   *     code or names no place in the table
   */
  public Optional<Region> regionOf(String pinCode) {
    if (!isPinCode(pinCode)) {
      return Optional.empty();
    }
    Region region = regionByPrefix.get(pinCode.substring(0, 3));
    if (region == null) {
      region = regionByPrefix.get(pinCode.substring(0, 2));
    }
    return Optional.ofNullable(region);
  }

  /** Whether the text has the form of an Indian PIN code. */
  public static boolean isPinCode(String text) {
    if (text == null || text.length() != 6 || text.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private record Row(String prefix, double latitude, double longitude, Region region) {}

  static PinCodeRegions load(InputStream in) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != 5) {
          throw new IOException("Malformed row in " + RESOURCE + ": " + line);
        }
        Region region = cells[4].equals("-") ? null : Region.valueOf(cells[4]);
        rows.add(
            new Row(
                cells[0], Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), region));
      }
    }
    Map<String, Region> byPrefix = new HashMap<>();
    for (Row row : rows) {
      byPrefix.put(row.prefix(), row.region() != null ? row.region() : nearestServed(row, rows));
    }
    return new PinCodeRegions(Map.copyOf(byPrefix));
  }

  private static Region nearestServed(Row from, List<Row> rows) {
    Row nearest = null;
    double best = Double.MAX_VALUE;
    for (Row candidate : rows) {
      if (candidate.region() == null) {
        continue;
      }
      double distance = distanceKm(from, candidate);
      if (distance < best) {
        best = distance;
        nearest = candidate;
      }
    }
    return Objects.requireNonNull(nearest, "the table names no supported region").region();
  }

  private static double distanceKm(Row a, Row b) {
    double lat1 = Math.toRadians(a.latitude());
    double lat2 = Math.toRadians(b.latitude());
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(b.longitude() - a.longitude());
    double h =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
  }

  private static final class Holder {
    static final PinCodeRegions INDIA = loadShipped();

    private static PinCodeRegions loadShipped() {
      try (InputStream in = PinCodeRegions.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Missing resource " + RESOURCE);
        }
        return load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
