import { XRayClient } from "@aws-sdk/client-xray";

/**
 * The official X-Ray client pointed at a sandbox: any credentials do, and a refused call is
 * not retried (tests assert on the first answer).
 */
export function xrayClientFor(url: string): XRayClient {
  return new XRayClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}
