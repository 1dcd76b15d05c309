/** Kysely view of the signature tables (migration 0018), merged into `Database` (schema.ts). */

/** One digital signature applied at the desk to a stored PDF. */
export interface DocumentSignaturesTable {
  id: string;
  /** The dossier the signed file belongs to; null for a file signed outside a dossier. */
  dossier_id: string | null;
  /** The dossier_scans row the signed file became (the unsigned one is detached, kept for the record). */
  scan_id: string | null;
  source_file_id: string;
  file_id: string;
  /** Certificate subject CN and O, as the stamp and the timeline show them. */
  signer: string;
  organisation: string;
  certificate_serial: string;
  certificate_sha256: string;
  /** ISO-8601 UTC instant claimed in the signature (/M). */
  signed_at: string;
  /** 'pc' (the desk's clock, offline) or 'tsa' (RFC 3161). */
  time_source: string;
  reason: string;
  visible: number;
  /** The officer at the desk (audit actor). */
  signed_by: string;
}

export interface SignatureTables {
  document_signatures: DocumentSignaturesTable;
}
