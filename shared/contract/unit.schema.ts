import { z } from 'zod';
import { AGENCY_CODE_MAX_LENGTH, isValidAgencyCode } from '../domain/agency-code';
import { vi } from '../i18n/vi';
import { isoInstant, optionalStrictText, optionalText, requiredStrictText } from './common.schema';

/** A receiving officer (cán bộ tiếp nhận) printed on receipts and chosen at intake. */
export const OfficerSchema = z.strictObject({
  name: requiredStrictText(120, vi.fields.officerName),
  title: optionalText(120),
});

const phoneText = optionalStrictText(40, vi.fields.unitPhone).refine((s) => s === '' || /^\+?[0-9 .()-]{8,20}$/.test(s) && (s.match(/\d/g) ?? []).length >= 8 && (s.match(/\d/g) ?? []).length <= 15, {
  error: vi.validation.phone,
});

/**
 * The unit profile (hồ sơ đơn vị) entered at first-run set-up and edited by an admin later.
 * Everything printed in a form header comes from here (Decree 30/2020 header, DOMAIN.md §1.3).
 */
export const UnitProfileInputSchema = z.strictObject({
  /** Parent agency, e.g. "UBND XÃ HƯỚNG PHÙNG" (cơ quan chủ quản). */
  parentAgency: requiredStrictText(200, vi.fields.parentAgency),
  /** Unit name, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG". */
  unitName: requiredStrictText(200, vi.fields.unitName),
  /** Agency identifier code (mã định danh), the prefix of every dossier code. */
  agencyCode: requiredStrictText(AGENCY_CODE_MAX_LENGTH + 10, vi.fields.agencyCode)
    .transform((s) => s.toUpperCase().replace(/\s+/g, ''))
    .refine(isValidAgencyCode, { error: vi.validation.agencyCode }),
  /** Place name for "…, ngày … tháng … năm …" (địa danh). */
  place: requiredStrictText(80, vi.fields.place),
  address: optionalStrictText(300, vi.fields.unitAddress),
  phone: phoneText,
  email: optionalStrictText(120, vi.fields.unitEmail).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { error: vi.validation.email }),
  /** Receiving officers (cán bộ tiếp nhận); may be empty until sign-in accounts replace them. */
  officers: z.array(OfficerSchema).max(50).default([]),
});
export type UnitProfileInput = z.input<typeof UnitProfileInputSchema>;

export const UnitProfileSchema = z.strictObject({
  parentAgency: z.string(),
  unitName: z.string(),
  agencyCode: z.string(),
  place: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  officers: z.array(z.strictObject({ name: z.string(), title: z.string() })),
  updatedAt: isoInstant,
});
export type UnitProfile = z.output<typeof UnitProfileSchema>;
