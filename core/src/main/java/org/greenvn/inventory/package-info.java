/**
 * The virtual numbers a tenant owns and how one is chosen for an allocation.
 *
 * <p>{@link org.greenvn.inventory.VirtualNumber} describes one number of the pool (region, type,
 * enabled), {@link org.greenvn.inventory.PinCodeRegions} maps an Indian PIN code to the nearest
 * supported {@link org.greenvn.inventory.Region}, and {@link org.greenvn.inventory.VnPool} keeps a
 * tenant's numbers ordered by load so that a selection never scans the whole pool.
 */
package org.greenvn.inventory;
