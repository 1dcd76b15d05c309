import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { RecipientListInputSchema, RecipientSaveSchema, RecipientSchema } from './handover.schema';

/** The hand-over recipients list kept by the admin in Settings (departments and officers). */
export const handoverChannels = {
  'recipients.list': {
    access: ALL,
    summary: 'Departments and officers a dossier can be handed over to, by department then name (active ones unless asked).',
    input: RecipientListInputSchema,
    output: z.array(RecipientSchema),
  },
  'recipients.save': {
    access: ADMINS,
    summary: 'Add or change one recipient (department, full name, position, active); audited. A person is listed once per department.',
    input: RecipientSaveSchema,
    output: RecipientSchema,
  },
} as const satisfies Record<string, ChannelDef>;
