import { type FileHandle, open } from "node:fs/promises";

/** The few file operations the segment log needs; tests substitute failing ones. */
export interface LogFile {
  /** One write at the end of the file; may write fewer bytes than given. */
  write(bytes: Uint8Array): Promise<number>;
  /** Flushes written data to the disk. */
  sync(): Promise<void>;
  /** Empties the file. */
  truncate(): Promise<void>;
  close(): Promise<void>;
}

export type OpenLogFile = (path: string) => Promise<{ file: LogFile; size: number }>;

/** Opens (creating when missing) for appending: every write lands at the current end. */
export const openLogFile: OpenLogFile = async (path) => {
  const handle = await open(path, "a");
  try {
    const { size } = await handle.stat();
    return { file: fileOf(handle), size };
  } catch (error) {
    await handle.close();
    throw error;
  }
};

function fileOf(handle: FileHandle): LogFile {
  return {
    async write(bytes) {
      const { bytesWritten } = await handle.write(bytes);
      return bytesWritten;
    },
    sync: () => handle.datasync(),
    truncate: () => handle.truncate(0),
    close: () => handle.close(),
  };
}
