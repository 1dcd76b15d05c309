import type { EventName, EventPayload } from '../../shared/contract/events';
import type { EventSink } from '../core/ports/events';

export type EventListener = (name: EventName, payload: EventPayload<EventName>) => void;

/** In-memory fan-out of core events to every connected window or browser tab. */
export class EventBus implements EventSink {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload as EventPayload<EventName>);
      } catch {
        // One broken listener (a closed tab) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
