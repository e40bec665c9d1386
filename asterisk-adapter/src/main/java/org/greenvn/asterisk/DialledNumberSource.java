package org.greenvn.asterisk;

/** Where the adapter reads the virtual number that was dialled. */
public enum DialledNumberSource {
  /** {@code agi_dnid}: the number the caller dialled, as the trunk delivered it. */
  DNID,
  /** {@code agi_extension}: the dialplan extension that ran {@code AGI()}. */
  EXTENSION,
  /**
   * {@code agi_arg_1}, the first argument, as in {@code AGI(agi://host/greenvn,${EXTEN})}; or,
   * without arguments, the URL's {@code vn} parameter: {@code AGI(agi://host/greenvn?vn=${EXTEN})}.
   */
  ARGUMENT
}
