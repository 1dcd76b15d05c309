import { z } from 'zod';

/**
 * Zod's own messages (wrong type, unknown key, …) in Vietnamese, for every schema of the contract.
 * Messages written in a schema (e.g. the agency code rule) take precedence over these.
 */
z.config(z.locales.vi());
