/**
 * greenvn: a number-masking call-routing engine implementing the GreenVN allocation API.
 *
 * <p>Start at {@link org.greenvn.GreenVn}: build one with your tenants, then create allocations
 * through {@link org.greenvn.GreenVn#allocations()} and decide calls through
 * {@link org.greenvn.GreenVn#router()}.
 */
package org.greenvn;
