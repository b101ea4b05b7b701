import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";

/**
 * Writes `text` to `path` through `path.tmp`: written, fsynced, then renamed over `path`, so
 * a crash leaves either the old file or the new one, never half of one. Throws what the file
 * system throws (the temporary file removed).
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  try {
    const fd = openSync(temporary, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
