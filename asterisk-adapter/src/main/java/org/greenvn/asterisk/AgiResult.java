package org.greenvn.asterisk;

/**
 * One reply, parsed from its first line: {@code 200 result=12 (timeout)} is status 200, result
 * {@code 12}, extra {@code timeout}.
 *
 * @param status the three-digit code (200, 510, 511, 520)
 * @param result the text after {@code result=} up to the first space, possibly empty
 * @param extra the text in parentheses, or empty
 * @param hasExtra whether there were parentheses: {@code result=1 ()} is a set but empty value
 */
record AgiResult(int status, String result, String extra, boolean hasExtra) {

  static final int DEAD_CHANNEL = 511;

  static AgiResult parse(String line) {
    if (line == null || line.length() < 3) {
      throw new IllegalArgumentException("Not an AGI reply: " + line);
    }
    int status;
    try {
      status = Integer.parseInt(line.substring(0, 3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not an AGI reply: " + line, e);
    }
    int at = line.indexOf("result=");
    if (at < 0) {
      return new AgiResult(status, "", "", false);
    }
    int start = at + "result=".length();
    int space = line.indexOf(' ', start);
    String result = space < 0 ? line.substring(start) : line.substring(start, space);
    int open = space < 0 ? -1 : line.indexOf('(', space);
    int close = line.lastIndexOf(')');
    if (open >= 0 && close > open) {
      return new AgiResult(status, result, line.substring(open + 1, close), true);
    }
    return new AgiResult(status, result, "", false);
  }

  boolean deadChannel() {
    return status == DEAD_CHANNEL;
  }

  /** The result as a number, or {@code fallback} when it is not one. */
  int resultCode(int fallback) {
    try {
      return Integer.parseInt(result);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
