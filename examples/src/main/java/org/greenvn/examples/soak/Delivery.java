package org.greenvn.examples.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;

/**
 * One webhook the receiver accepted (a 2xx), after its signature verified.
 *
 * @param webhookId the {@code webhook-id}, the same on every retry
 * @param type the event type, from the URL path ({@code call}, {@code deallocation},
 *     {@code verification_succeeded}, {@code verification_failed}, {@code out_of_allocation})
 * @param body the JSON body
 * @param attempts how many requests with this id reached the receiver, refused ones included
 */
record Delivery(String webhookId, String type, JsonNode body, int attempts)
    implements Serializable {}
