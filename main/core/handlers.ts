import type { ChannelName, Output, ParsedInput } from '../../shared/contract/channels';
import type { CallContext } from './context';

/** The core's side of one channel: receives validated input, returns the output or throws AppError. */
export type Handler<C extends ChannelName> = (input: ParsedInput<C>, ctx: CallContext) => Promise<Output<C>>;

/** Handlers for a subset of channels; each domain contributes one, main/app merges them. */
export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };

/** All channels: the merged map must have this type, so a missing handler is a compile error. */
export type Handlers = HandlerMap<ChannelName>;
