/** 'YYYY-MM-DDTHH:mm' → '20/03/2026 09:00' for tables; '' for null. */
export function shortLocal(local: string | null | undefined): string {
  if (!local) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : local;
}

/** 'YYYY-MM-DD' → '20/03/2026'. */
export function shortDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

export function statusClass(status: string): string {
  return `tracking-status tracking-status--${status.replace(/_/g, '-')}`;
}
