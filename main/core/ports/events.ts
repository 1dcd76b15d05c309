import type { EventName, EventPayload } from '../../../shared/contract/events';

/** Where the core announces progress and changes; transports forward them to the renderer. */
export interface EventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

export const nullEventSink: EventSink = { emit() {} };
