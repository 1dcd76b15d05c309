/**
 * Every Vietnamese sentence the product shows (i18n-ready: another locale is another set of files of
 * the same shape). Code and comments stay English; what a person reads lives here. Each feature keeps
 * its strings in its own file under shared/i18n/vi/; add a feature's strings there, not here.
 */
import { appVi } from './vi/app';
import { setupVi } from './vi/setup';
import { intakeVi } from './vi/intake';
import { authVi } from './vi/auth';
import { officeVi } from './vi/office';
import { trackingVi } from './vi/tracking';
import { catalogueVi } from './vi/catalogue';
import { documentsVi } from './vi/documents';
import { backupVi } from './vi/backup';
import { reportsVi } from './vi/reports';
import { scanningVi } from './vi/scanning';
import { errorsVi } from './vi/errors';
import { dossierActionsVi } from './vi/dossier-actions';
import { scanDevicesVi } from './vi/scan-devices';
import { timelineVi } from './vi/timeline';
import { handoverVi } from './vi/handover';
import { storageVi } from './vi/storage';
import { collectVi } from './vi/collect';
import { importsVi } from './vi/imports';
import { signaturesVi } from './vi/signatures';
import { citizenVi } from './vi/citizen';
import { trustVi } from './vi/trust';
import { archiveUiVi } from './vi/archive-ui';

export const vi = {
  ...appVi,
  ...setupVi,
  ...intakeVi,
  ...authVi,
  ...officeVi,
  ...trackingVi,
  ...catalogueVi,
  ...documentsVi,
  ...backupVi,
  ...reportsVi,
  ...scanningVi,
  ...errorsVi,
  ...dossierActionsVi,
  ...scanDevicesVi,
  ...timelineVi,
  ...handoverVi,
  ...storageVi,
  ...collectVi,
  ...importsVi,
  ...signaturesVi,
  ...citizenVi,
  ...trustVi,
  ...archiveUiVi,
} as const;
