/**
 * Telephone numbers: {@link org.greenvn.phone.PhoneNumber} is an E.164 value, and
 * {@link org.greenvn.phone.CallerIdNormalizer} turns the caller ids that a PBX delivers (national,
 * country-code-prefixed, anonymous) into one canonical form so that the same caller is always
 * recognised.
 */
package org.greenvn.phone;
