/**
 * Channel and event names alone, without their schemas: the preload imports these to gate IPC and
 * must stay tiny (no zod). channels.ts and events.ts check at compile time that the lists match
 * their tables exactly, so adding a channel there without adding it here fails the typecheck.
 */
export const CHANNEL_NAMES = ['app.info', 'unit.get', 'unit.save'] as const;
export const EVENT_NAMES = ['data.changed', 'job.progress'] as const;
