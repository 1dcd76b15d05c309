import type { z } from 'zod';
import type { Access } from './access';

/**
 * One call of the contract, complete in one place: zod schemas for what goes in and what comes out,
 * who may call it, and a summary. Everything else about a channel (the preload's name list, the
 * permission table, the handler map types) is derived from the domain tables made of these.
 */
export interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
  /** Who may call it; the dispatcher enforces this before the handler runs. */
  access: Access;
  /** Short English description, for the CLI and docs. */
  summary: string;
}
