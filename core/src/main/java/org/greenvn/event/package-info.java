/**
 * What the engine reports: immutable {@link org.greenvn.event.GreenVnEvent} values (a call, a
 * deallocation, a successful or failed PIN verification, a call that matched no allocation),
 * delivered to {@link org.greenvn.event.EventListener}s, with their JSON form in
 * {@link org.greenvn.event.EventJson} using the GreenVN API's field names.
 */
package org.greenvn.event;
