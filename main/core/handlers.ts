import type { ChannelDef, ChannelName, Output, ParsedInput } from '../../shared/contract/channels';
import type { CallContext } from './context';

/** The core's side of one channel: receives validated input, returns the output or throws AppError. */
export type Handler<C extends ChannelName> = (input: ParsedInput<C>, ctx: CallContext) => Promise<Output<C>>;

/** Handlers for a subset of channels; each domain contributes one, main/app merges them. */
export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };

/**
 * The channels of one domain table (`typeof trackingChannels`), optionally only those whose name
 * starts with one of `Prefix` (a table served by several services, like intake's catalog.* and
 * calendar.*). Handler maps are typed with this, so a channel added to a table without its handler
 * is a compile error naming the channel.
 */
export type ChannelsOf<Table extends Record<string, ChannelDef>, Prefix extends string = string> = Extract<
  Extract<keyof Table, ChannelName>,
  `${Prefix}${string}`
>;

/** Handlers for every channel of one domain table (or the part of it whose names start with `Prefix`). */
export type DomainHandlers<Table extends Record<string, ChannelDef>, Prefix extends string = string> = HandlerMap<
  ChannelsOf<Table, Prefix>
>;

/** All channels: the merged map must have this type, so a missing handler is a compile error. */
export type Handlers = HandlerMap<ChannelName>;
