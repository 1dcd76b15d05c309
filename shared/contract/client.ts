import { fromPayload, type Envelope } from '../errors';
import type { ChannelName, Input, Output } from './channels';

/** Carries one call to the core and brings back its envelope: IPC, HTTP or in-process. */
export type Transport = (channel: ChannelName, input: unknown) => Promise<Envelope<unknown>>;

export interface Client {
  /** Call a channel; resolves with its output or rejects with an AppError (code + Vietnamese message). */
  invoke<C extends ChannelName>(channel: C, ...input: {} extends Input<C> ? [Input<C>?] : [Input<C>]): Promise<Output<C>>;
  /** The same call, without throwing: for forms that show per-field issues. */
  call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>>;
}

export function createClient(transport: Transport): Client {
  return {
    async invoke(channel, ...rest) {
      const envelope = await transport(channel, rest[0] ?? {});
      if (!envelope.ok) throw fromPayload(envelope.error);
      return envelope.value as never;
    },
    async call(channel, input) {
      return (await transport(channel, input)) as never;
    },
  };
}
