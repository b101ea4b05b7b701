export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How a child ended, in words: `exited with code 1`, `ended by SIGKILL`. */
export function describeExit({ code, signal }: ProcessExit): string {
  if (signal !== null) return `ended by ${signal}`;
  return `exited with code ${code ?? "unknown"}`;
}
