/**
 * The clock a long-running process (browser host, desk shell) runs on. MOTCUA_NOW shifts it to a
 * chosen start time (demos, end-to-end tests of deadlines and holidays) while it keeps ticking;
 * without it the system clock is used. Transports ask the composition root, never core/ports.
 */
import { shiftedClock, systemClock, type Clock } from '../core/ports/clock';

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock | undefined {
  return env.MOTCUA_NOW ? shiftedClock(env.MOTCUA_NOW) : undefined;
}

export { systemClock, type Clock };
