import { createClient, type Client } from '../../shared/contract/client';
import type { CallContext } from '../core/context';
import type { Dispatcher } from './dispatcher';

/** The in-process transport: a typed client that calls the dispatcher directly (CLI, vitest suites). */
export function inProcessClient(dispatcher: Dispatcher, ctx: CallContext): Client {
  return createClient((channel, input) => dispatcher.call(channel, input, ctx));
}
