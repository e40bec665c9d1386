/**
 * The Asterisk FastAGI adapter: turns a routing decision of the engine into channel commands
 * and channel results back into call events. Filled by the adapter issue; the module builds
 * empty until then.
 */
package org.greenvn.asterisk;
