/** Plain-text tables and number formats of the benchmark's output. */

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** A table with a header rule; numbers right-aligned by default, the first column left-aligned. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const alignOf = (i: number): 'left' | 'right' => columns[i]!.align ?? (i === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (alignOf(i) === 'left' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Significant-figure formatting for figures that span orders of magnitude (0.0123, 4.56, 789). */
export function fixed(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return value.toFixed(Math.max(0, digits - 1 - magnitude));
}

export function ratio(value: number): string {
  return `${fixed(value)}×`;
}

export const MIB = 1024 * 1024;

export function mib(bytes: number): string {
  return `${fixed(bytes / MIB)} MiB`;
}

export function bytesLabel(bytes: number): string {
  if (bytes >= MIB) return `${fixed(bytes / MIB)} MiB`;
  if (bytes >= 1024) return `${fixed(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
