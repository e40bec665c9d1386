/** Thread plumbing shared by the servers at greenvn's edges: virtual threads when the JVM has them. */
package org.greenvn.concurrent;
