import { z } from 'zod';
import { vi } from '../i18n/vi';
import { isoInstant, requiredStrictText } from './common.schema';

/**
 * Officers who sign in at a desk. Roles nest: a leader can do everything a clerk can, an admin
 * everything a leader can (shared/contract/permissions.ts says exactly what).
 */
export const ROLES = ['clerk', 'leader', 'admin'] as const;
export const RoleSchema = z.enum(ROLES, { error: vi.auth.roleInvalid });
export type Role = z.output<typeof RoleSchema>;

/** Sign-in name: short, no spaces, case-insensitive ("lan", "hung.nv"). */
export const userNameSchema = requiredStrictText(40, vi.fields.userName)
  .transform((s) => s.toLowerCase())
  .refine((s) => /^[\p{L}\p{N}._-]+$/u.test(s), { error: vi.auth.nameInvalid });

/** A PIN (4–12 digits) or a password (6–128 characters). Never stored or logged as typed. */
export const secretSchema = z
  .string({ error: vi.validation.expectedText })
  .max(128, { error: vi.validation.tooLong(128) })
  .refine((s) => (/^\d+$/.test(s) ? s.length >= 4 && s.length <= 12 : s.length >= 6), { error: vi.auth.secretWeak });

export const SessionUserSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.output<typeof SessionUserSchema>;

export const UserSchema = SessionUserSchema.extend({
  active: z.boolean(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  lastSignInAt: isoInstant.nullable(),
  /** Until when sign-in is held after wrong PINs (null: not held); an admin can lift it. */
  lockedUntil: isoInstant.nullable().optional(),
});
export type User = z.output<typeof UserSchema>;

export const UserCreateSchema = z.strictObject({
  name: userNameSchema,
  displayName: requiredStrictText(120, vi.fields.displayName),
  role: RoleSchema,
  pin: secretSchema,
});
export type UserCreateInput = z.input<typeof UserCreateSchema>;

export const UserUpdateSchema = z.strictObject({
  id: z.string().min(1).max(64),
  displayName: requiredStrictText(120, vi.fields.displayName).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
});

export const SignInSchema = z.strictObject({ name: userNameSchema, pin: z.string().min(1, { error: vi.auth.pinRequired }).max(128) });

export const SignInResultSchema = z.strictObject({
  user: SessionUserSchema,
  expiresAt: isoInstant,
  /**
   * The session token for transports where the page carries it (browser mode). The Electron
   * shell keeps it in the main process and removes it before the page sees the answer.
   */
  token: z.string().optional(),
});
export type SignInResult = z.output<typeof SignInResultSchema>;

/** What the sign-in and lock screens need before anyone has signed in. */
export const AuthStatusSchema = z.strictObject({
  /** False on a fresh desk: the set-up screen creates the first admin. */
  hasUsers: z.boolean(),
  /** Active officers for the quick-switch list at a shared desk (names only, never secrets). */
  users: z.array(z.strictObject({ name: z.string(), displayName: z.string() })),
  /** Lock the screen after this many minutes without keyboard or mouse (0 = never). */
  lockMinutes: z.number().int().min(0).max(240),
});
export type AuthStatus = z.output<typeof AuthStatusSchema>;

export const AuthSettingsSchema = z.strictObject({
  lockMinutes: z.number({ error: vi.auth.lockMinutesInvalid }).int({ error: vi.auth.lockMinutesInvalid }).min(0, { error: vi.auth.lockMinutesInvalid }).max(240, { error: vi.auth.lockMinutesInvalid }),
});
