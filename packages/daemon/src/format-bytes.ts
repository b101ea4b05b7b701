const KIB = 1024;
const MIB = 1024 * KIB;

/** `8.0 MiB`, `212.0 KiB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${bytes} B`;
}
