import type { Subsegment } from "aws-xray-sdk-core";
import { AWSXRay, type TraceEntity } from "./xray.ts";

/**
 * `AWSXRay.captureAsyncFunc` with the closing done right: the SDK opens the subsegment and
 * makes it current for everything awaited inside `work`, but leaves closing it to the caller,
 * with the error when `work` fails (which makes the subsegment a fault with a `cause`).
 */
export function captureAsync<T>(
  name: string,
  work: (subsegment: Subsegment | undefined) => Promise<T>,
  parent?: TraceEntity,
): Promise<T> {
  return AWSXRay.captureAsyncFunc(
    name,
    async (subsegment) => {
      try {
        const result = await work(subsegment);
        subsegment?.close();
        return result;
      } catch (error) {
        subsegment?.close(error instanceof Error ? error : String(error));
        throw error;
      }
    },
    parent,
  );
}
