/**
 * `test` with a daemon started in this worker (free UDP and TCP ports, serving the built
 * viewer), emptied before each test, and `baseURL` pointing at it.
 */

import { test as base, expect } from "@playwright/test";
import { type FixtureRun, loadFixtureRun } from "@xray-sandbox/fixtures";
import { connectSandbox, type SandboxClient } from "@xray-sandbox/testing";
import type { Daemon } from "xray-sandbox";
import { type Document, datagram } from "./segments.ts";
import { sendDatagrams } from "./udp.ts";
import { viewerDaemonFixture } from "./viewer-daemon.ts";

export interface Sender {
  /** Each document as one datagram, header included, over UDP to the daemon. */
  documents(documents: readonly Document[]): Promise<void>;
  /** Raw payloads over UDP, byte for byte. */
  datagrams(payloads: readonly Uint8Array[]): Promise<void>;
  /** The datagrams a real SDK sent in `run`, byte for byte, in the order it sent them. */
  fixtureRun(run: FixtureRun): Promise<void>;
}

interface WorkerFixtures {
  daemon: Daemon;
  /** The daemon's HTTP API through the testing library: await traces instead of sleeping. */
  sandbox: SandboxClient;
}

interface TestFixtures {
  resetDaemon: undefined;
  /** Fails the test on an exception the page did not catch; attaches console errors. */
  pageErrors: undefined;
  send: Sender;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  daemon: [viewerDaemonFixture(), { scope: "worker" }],
  sandbox: [
    async ({ daemon }, use) => {
      const sandbox = await connectSandbox(daemon.url);
      await use(sandbox);
      await sandbox.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ daemon }, use) => use(daemon.url),
  resetDaemon: [
    async ({ sandbox }, use) => {
      await sandbox.reset();
      await use(undefined);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use, testInfo) => {
      const uncaught: string[] = [];
      const consoleErrors: string[] = [];
      page.on("pageerror", (error) => uncaught.push(error.stack ?? error.message));
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      await use(undefined);
      if (consoleErrors.length > 0) {
        await testInfo.attach("console errors", { body: consoleErrors.join("\n\n") });
      }
      expect(uncaught, "exceptions the page did not catch").toEqual([]);
    },
    { auto: true },
  ],
  send: async ({ daemon }, use) => {
    const datagrams = (payloads: readonly Uint8Array[]) =>
      sendDatagrams(daemon.udpAddress, payloads);
    await use({
      datagrams,
      documents: (documents) => datagrams(documents.map(datagram)),
      fixtureRun: (run) => datagrams(loadFixtureRun(run).map((fixture) => fixture.bytes)),
    });
  },
});

export { expect };
