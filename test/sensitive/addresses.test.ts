import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findAddresses } from "../../src/rules/sensitive/addresses.js";

const found = (text: string) => findAddresses(text).map((a) => `${a.kind}:${text.slice(a.start, a.end)}`);

describe("findAddresses", () => {
  it("finds IPv4, IPv6, MACs in three forms, overlay ids and e-mails, in text order", () => {
    const text = "gw 192.168.9.1, v6 fd00:1::5, mac 48-8F-5A-3C-11-02 / 00:11:32:a4:5e:71 / 0011.32a4.5e71, zt 8056c2e21c000001, ops@corp.io";
    expect(found(text)).toEqual([
      "IPv4 address:192.168.9.1",
      "IPv6 address:fd00:1::5",
      "MAC address:48-8F-5A-3C-11-02",
      "MAC address:00:11:32:a4:5e:71",
      "MAC address:0011.32a4.5e71",
      "overlay network id:8056c2e21c000001",
      "e-mail address:ops@corp.io",
    ]);
  });

  it("finds addresses inside links, CIDRs and at the end of a sentence", () => {
    expect(found("[admin](https://10.0.0.1/) on 10.0.0.0/24 or at 172.16.0.9.")).toEqual([
      "IPv4 address:10.0.0.1",
      "IPv4 address:10.0.0.0",
      "IPv4 address:172.16.0.9",
    ]);
  });

  it("skips documentation ranges, loopback, any, multicast, netmasks and reserved domains", () => {
    const text = "192.0.2.1 198.51.100.7 203.0.113.250 2001:db8::1 127.0.0.1 ::1 0.0.0.0 224.0.0.251 255.255.255.0 a@example.org b@host.test";
    expect(found(text)).toEqual([]);
  });

  it("does not take versions, times, mixed separators or hashes for addresses", () => {
    const text = "v1.2.3, 1.2.3.4.5, 06:30:00, 48-8F:5A-3C-11-02, 300.1.1.1, deadbeefdeadbeefdead, 1234567890123456, git@github.com:org/repo";
    expect(found(text)).toEqual([]);
  });

  it("a credential's user:pass@host is left to sensitive/secret, mailto: is an e-mail", () => {
    expect(found("https://ops:pw@dash.lan and mailto:bob@corp.io")).toEqual(["e-mail address:bob@corp.io"]);
  });

  it("never reports an address of a documentation range, wherever it sits in prose", () => {
    const docIp = fc.oneof(
      fc.tuple(fc.constantFrom("192.0.2", "198.51.100", "203.0.113"), fc.integer({ min: 0, max: 255 })).map(([net, host]) => `${net}.${host}`),
      fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 6, maxLength: 6 }).map((g) => `2001:db8:${g.map((n) => n.toString(16)).join(":")}`),
    );
    const word = fc.stringMatching(/^[a-z ,;()]{0,12}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, docIp), { maxLength: 6 }), (parts) => {
        expect(findAddresses(parts.map(([w, ip]) => `${w} ${ip} `).join(""))).toEqual([]);
      }),
    );
  });

  it("finds every private IPv4 of a generated text at its exact offsets", () => {
    const ip = fc.tuple(fc.constantFrom(10, 172, 192), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(
      ([a, b, c, d]) => (a === 192 ? `192.168.${c}.${d}` : a === 172 ? `172.${16 + (b % 16)}.${c}.${d}` : `10.${b}.${c}.${d}`),
    );
    fc.assert(
      fc.property(fc.array(ip, { minLength: 1, maxLength: 8 }), (ips) => {
        const text = ips.map((x, i) => `host${i} ${x}`).join(", ");
        expect(findAddresses(text).map((a) => text.slice(a.start, a.end))).toEqual(ips);
      }),
    );
  });
});
