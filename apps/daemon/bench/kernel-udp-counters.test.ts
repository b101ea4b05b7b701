import { describe, expect, it } from "vitest";
import { parseUdpCounters } from "./kernel-udp-counters.ts";

const SNMP = `Tcp: RtoAlgorithm RtoMin
Tcp: 1 200
Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
Udp: 261 0 7 278 5 0 0 0 0
UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
UdpLite: 0 0 0 0 0 0 0 0 0
`;

describe("parseUdpCounters", () => {
  it("reads the UDP line, not UDP-Lite's", () => {
    expect(parseUdpCounters(SNMP)).toEqual({ inDatagrams: 261, rcvbufErrors: 5 });
  });

  it("has nothing to say about text without the counters", () => {
    expect(parseUdpCounters("Tcp: RtoAlgorithm\nTcp: 1\n")).toBeUndefined();
    expect(parseUdpCounters("Udp: InDatagrams\nUdp: 3\n")).toBeUndefined();
  });
});
