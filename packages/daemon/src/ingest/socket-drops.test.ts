import { createSocket } from "node:dgram";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { parseSocketDrops, readSocketDrops } from "./socket-drops.ts";

const TABLE = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 4075: 0100007F:833B 00000000:0000 07 00000000:006C0700 00:00000000 00000000     0        0 218908 2 000000003e0a1f5a 138926
10012: 0100007F:9A6C 0100007F:833B 01 00000000:00000000 00:00000000 00000000     0        0 218913 2 0000000057fe83f4 0
`;

const TABLE6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  123: 00000000000000000000000001000000:07D0 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 31337 2 0000000000000000 42
`;

describe("parseSocketDrops", () => {
  it("reads an IPv6 table alike", () => {
    expect(parseSocketDrops(TABLE6, 2000)).toBe(42);
  });

  it("reads the drops of the socket bound to the port, not of a socket sending to it", () => {
    expect(parseSocketDrops(TABLE, 0x833b)).toBe(138_926);
    expect(parseSocketDrops(TABLE, 0x9a6c)).toBe(0);
  });

  it("has nothing to say about a port no socket is bound to", () => {
    expect(parseSocketDrops(TABLE, 2000)).toBeUndefined();
    expect(parseSocketDrops("", 2000)).toBeUndefined();
  });
});

describe.runIf(process.platform === "linux")("readSocketDrops", () => {
  it("finds a socket this process bound", async () => {
    const socket = createSocket("udp4");
    socket.bind(0, "127.0.0.1");
    await once(socket, "listening");
    try {
      expect(await readSocketDrops(socket.address().port)).toBe(0);
    } finally {
      socket.close();
    }
  });
});
