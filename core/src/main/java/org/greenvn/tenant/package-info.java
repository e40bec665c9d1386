/**
 * Tenant configuration: the businesses served, their virtual-number inventory, their call flows
 * ({@link org.greenvn.tenant.Flow}) and their PIN policy ({@link org.greenvn.tenant.PinPolicy}).
 * All values are immutable.
 */
package org.greenvn.tenant;
