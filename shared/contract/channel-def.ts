import type { z } from 'zod';

/** One call of the contract: zod schemas for what goes in and what comes out. */
export interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
  /** Short English description, for the CLI and docs. */
  summary: string;
}
