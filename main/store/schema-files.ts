/** The stored files and the digitized scans that point at them (migrations 0003, 0007, 0020), part of the Kysely `Database` in schema.ts. */

/** Stored bytes (PDFs, scans) with their checksum; other tables point here by id. */
export interface FilesTable {
  id: string;
  /** What it is: 'form', 'scan', 'result', 'export'. */
  kind: string;
  mime: string;
  /** A safe display/download name, e.g. "Mau01-H50.12.34-260317-0001.pdf". */
  name: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: string;
  created_by: string;
}

/** A PDF attached to a dossier component or to its result (số hóa), migration 0007. */
export interface DossierScansTable {
  id: string;
  dossier_id: string;
  /** The component's position as text ('0', '1', …) or 'result'. */
  component: string;
  component_name: string;
  file_id: string;
  page_count: number;
  dpi: number | null;
  mode: string | null;
  sha256: string;
  bytes: number;
  /** QĐ 766 flags, 0/1: digitized at the desk, reused (DuocSoHoa / tái sử dụng), taken from the national store (DuocLayTuKhoDMQG). */
  digitized: number;
  reused: number;
  from_national_store: number;
  /** 'scanner' | 'import' | 'folder' | 'mixed'. */
  source: string;
  warnings_json: string;
  created_by: string;
  created_at: string;
  detached_at: string | null;
  detached_by: string | null;
  detach_reason: string | null;
  /** The picture-only original OCR read, when `file_id` is that file plus the text layer (issue 18). */
  image_file_id: string | null;
}
