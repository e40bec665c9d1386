/**
 * Allocations: the model of the GreenVN allocation API, its validation, the
 * {@link org.greenvn.allocation.AllocationService} that creates, reads, updates, deletes and
 * expires them, and the {@link org.greenvn.allocation.AllocationStore} SPI that keeps them.
 *
 * <p>Every refusal is a {@link org.greenvn.allocation.GreenVnException} carrying the spec's
 * numeric {@link org.greenvn.allocation.ErrorCode}; a refused operation changes nothing.
 */
package org.greenvn.allocation;
