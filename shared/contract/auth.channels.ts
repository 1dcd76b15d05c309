import { z } from 'zod';
import { vi } from '../i18n/vi';
import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { noInput, requiredStrictText } from './common.schema';
import {
  AuthSettingsSchema,
  AuthStatusSchema,
  SessionUserSchema,
  SignInResultSchema,
  SignInSchema,
  UserCreateSchema,
  UserSchema,
  UserUpdateSchema,
  secretSchema,
  userNameSchema,
} from './auth.schema';

const userId = z.strictObject({ id: z.string().min(1).max(64) });

export const authChannels = {
  'auth.status': {
    access: 'public',
    summary: 'Whether officers exist, the quick-switch name list and the lock delay (public).',
    input: noInput,
    output: AuthStatusSchema,
  },
  'auth.setupAdmin': {
    access: 'setup',
    summary: 'First run only: create the first admin, sign in as them, and create the office recovery code (shown once).',
    input: z.strictObject({ name: userNameSchema, displayName: requiredStrictText(120, vi.fields.displayName), pin: secretSchema }),
    // The office's recovery code, shown once (null when the office already had one, e.g. a restored store).
    output: SignInResultSchema.extend({ recoveryCode: z.string().nullable() }),
  },
  'auth.signIn': {
    access: 'public',
    summary: 'Sign in with name and PIN/password; returns the session.',
    input: SignInSchema,
    output: SignInResultSchema,
  },
  'auth.signOut': {
    access: 'public',
    summary: 'End the current session (also used by the lock screen).',
    input: noInput,
    output: z.strictObject({ signedOut: z.boolean() }),
  },
  'auth.me': {
    access: 'public',
    summary: 'The signed-in officer, or null.',
    input: noInput,
    output: SessionUserSchema.nullable(),
  },
  'auth.changePin': {
    access: ALL,
    summary: 'The signed-in officer changes their own PIN/password.',
    input: z.strictObject({ currentPin: z.string().min(1).max(128), newPin: secretSchema }),
    output: z.strictObject({ changed: z.literal(true) }),
  },
  'auth.saveSettings': {
    access: ADMINS,
    summary: 'Lock delay for every desk (admin).',
    input: AuthSettingsSchema,
    output: AuthSettingsSchema,
  },
  'users.list': {
    access: ADMINS,
    summary: 'All officers, active or not (admin).',
    input: noInput,
    output: z.array(UserSchema),
  },
  'users.create': {
    access: ADMINS,
    summary: 'Add an officer with a role and a PIN/password (admin).',
    input: UserCreateSchema,
    output: UserSchema,
  },
  'users.update': {
    access: ADMINS,
    summary: 'Change display name, role or active flag (admin).',
    input: UserUpdateSchema,
    output: UserSchema,
  },
  'users.resetPin': {
    access: ADMINS,
    summary: "Set a new PIN/password for an officer and end their sessions (admin).",
    input: userId.extend({ pin: secretSchema }),
    output: UserSchema,
  },
  'users.unlock': {
    access: ADMINS,
    summary: 'Lift the sign-in hold after wrong PINs (admin; audited).',
    input: userId,
    output: UserSchema,
  },
} as const satisfies Record<string, ChannelDef>;
