package org.greenvn.event;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of listeners that is itself a listener: each event goes to every registered listener in
 * registration order, and one that throws is logged and does not stop the others. Thread-safe.
 */
public final class EventListeners implements EventListener {

  private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

  /** Registers a listener. */
  public void add(EventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unregisters a listener; returns whether it was registered. */
  public boolean remove(EventListener listener) {
    return listeners.remove(listener);
  }

  @Override
  public void onEvent(GreenVnEvent event) {
    for (EventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError vme) {
          throw vme;
        }
        // The event's toString never carries a PIN.
        LOG.warn("Event listener {} failed on {}", listener, event, e);
      }
    }
  }
}
