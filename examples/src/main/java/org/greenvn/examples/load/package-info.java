/**
 * The FastAGI load bench. {@link org.greenvn.examples.load.AgiLoad} plays the Asterisk side of
 * FastAGI over loopback (many concurrent calls, a weighted mix of scenarios, bounded in count and
 * time) and reports call setups per second, setup latency percentiles and AGI round trips per
 * call. {@link org.greenvn.examples.load.FloorServers} starts the two reference servers on the
 * adapter's stack (Asterisk-Java's {@code DefaultAgiServer}): a no-op script and a fixed script
 * that sends exactly the adapter's commands for a bridged call, against which the adapter is
 * measured. {@link org.greenvn.examples.load.AdapterBenchServer} starts the adapter itself over an
 * engine holding the allocations the load calls (the bench's {@code greenvn} target).
 */
package org.greenvn.examples.load;
