/**
 * A fake Asterisk for tests of FastAGI servers: {@link org.greenvn.asterisk.testing.FakeAsterisk}
 * speaks the real protocol over a loopback socket with scripted replies, and
 * {@link org.greenvn.asterisk.testing.AgiEnvironment} builds the {@code agi_*} block as Asterisk
 * sends it.
 */
package org.greenvn.asterisk.testing;
