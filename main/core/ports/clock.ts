/** Time source, injected so deadline rules can be tested at any instant (e.g. Friday 14:59). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at one instant (or moved by the test). */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current.getTime()),
    set(next: string) {
      current = new Date(next);
    },
  };
}

/**
 * A clock that starts at `startIso` and then runs at normal speed: for training sessions and
 * end-to-end tests that must happen "on Friday at 15:20" (MOTCUA_NOW).
 */
export function shiftedClock(startIso: string, real: Clock = systemClock): Clock {
  const start = Date.parse(startIso);
  if (Number.isNaN(start)) throw new Error(`MOTCUA_NOW "${startIso}" is not an ISO date-time`);
  const offset = start - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}
