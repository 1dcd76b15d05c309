/** Line icons drawn as inline SVG (no icon font, no network): one path set per name. */
const PATHS = {
  home: 'M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10',
  intake: 'M12 5v14M5 12h14M4 4h16v16H4z',
  scanning: 'M4 8V5h16v3M6 8h12v9H6zM8 12h8M4 20h16',
  tracking: 'M12 7v5l3 3M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
  reports: 'M5 20V10M12 20V4M19 20v-7M3 20h18',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  settings: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 9.5 4 9l-1 3 2 1v2l-2 1 1 3 2-.5 1.5 1.5-.5 2 3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z',
  brand: 'M4 4h16v16H4zM8 9h8M8 13h8M8 17h5',
} as const;
export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
