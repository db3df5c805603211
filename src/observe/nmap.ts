import { SaxesParser, type SaxesTagPlain } from "saxes";
import { cleanText, Collector, epochMs, observedIp, observedMac } from "./text.js";

/**
 * `nmap -oX` XML, read as a stream with a real XML parser (saxes): a /16 scan is tens of MB, and
 * nothing but the hosts' facts is kept. Per the Nmap DTD, each `<host>` holds `<status state>`,
 * `<address addr addrtype="ipv4|ipv6|mac" vendor>`, `<hostnames><hostname name type>` and
 * `<ports><port protocol portid><state state>`; `<nmaprun start>` dates hosts without their own
 * `endtime`/`starttime`. Hosts that are not up are not sightings.
 */
export class NmapXmlReader {
  private readonly parser = new SaxesParser({ position: true });
  private runStart: number | null = null;
  private host: HostFacts | null = null;
  private port: { id: string; open: boolean } | null = null;
  private tagLine = 1;
  private tagColumn = 1;
  private failed = false;
  private sawRoot = false;

  constructor(private readonly out: Collector) {
    this.parser.on("opentagstart", (tag) => {
      // The parser has just read `<name`: the tag starts that many characters back.
      this.tagLine = this.parser.line;
      this.tagColumn = Math.max(1, this.parser.column - tag.name.length - 1);
    });
    this.parser.on("opentag", (tag) => this.open(tag as SaxesTagPlain));
    this.parser.on("closetag", (tag) => this.closeTag(tag.name));
    this.parser.on("error", (error) => {
      if (this.failed) return;
      this.failed = true;
      const at = /^(\d+):(\d+): /.exec(error.message);
      const message = error.message.replace(/^(.*?:)?\d+:\d+: /, "");
      this.out.problem({ line: at ? Number(at[1]) : this.parser.line, column: Math.max(1, at ? Number(at[2]) : this.parser.column) }, `not well-formed XML: ${message}`, "error");
    });
  }

  write(text: string): void {
    if (!this.failed) this.parser.write(text);
  }

  /** The end of the input: an unclosed element or a file that is not nmap's is reported here. */
  end(): void {
    if (!this.failed) this.parser.close();
    if (!this.failed && !this.sawRoot) this.out.problem({ line: 1 }, "an XML file but not nmap output (no <nmaprun> element)", "error");
  }

  private closeTag(name: string): void {
    if (this.failed) return;
    if (name === "port" && this.port && this.host) {
      if (this.port.open) this.host.ports.push(this.port.id);
      this.port = null;
    } else if (name === "host" && this.host) {
      this.finishHost(this.host);
      this.host = null;
    }
  }

  private open(tag: SaxesTagPlain): void {
    if (this.failed) return;
    const a = tag.attributes;
    switch (tag.name) {
      case "nmaprun":
        this.sawRoot = true;
        this.runStart = epochMs(a.start, "s");
        return;
      case "host":
        this.host = { line: this.tagLine, column: this.tagColumn, up: true, time: epochMs(a.endtime, "s") ?? epochMs(a.starttime, "s"), ip: null, mac: null, vendor: null, name: null, ports: [] };
        return;
    }
    const host = this.host;
    if (!host) return;
    switch (tag.name) {
      case "status":
        host.up = a.state === "up";
        return;
      case "address": {
        if (a.addrtype === "mac") {
          host.mac ??= observedMac(a.addr);
          host.vendor ??= this.vendor(a.vendor);
        } else if (a.addrtype === "ipv4" || a.addrtype === "ipv6") {
          host.ip ??= observedIp(a.addr);
        }
        return;
      }
      case "hostname":
        // A name the user gave on the command line, else the PTR record.
        if (host.name === null || a.type === "user") host.name = cleanText(a.name, 253) ?? host.name;
        return;
      case "port": {
        const id = typeof a.portid === "string" && /^\d{1,5}$/.test(a.portid) ? `${Number(a.portid)}/${cleanText(a.protocol, 8) ?? "tcp"}` : null;
        this.port = id ? { id, open: false } : null;
        return;
      }
      case "state":
        if (this.port) this.port.open = a.state === "open";
        return;
    }
  }

  /** A scan names a handful of vendors thousands of times: each cleaned once, kept once. */
  private readonly vendors = new Map<string, string | null>();
  private vendor(value: string | undefined): string | null {
    if (value === undefined) return null;
    let cleaned = this.vendors.get(value);
    if (cleaned === undefined && !this.vendors.has(value)) {
      cleaned = cleanText(value);
      if (this.vendors.size < 4096) this.vendors.set(value, cleaned);
    }
    return cleaned ?? null;
  }

  private finishHost(host: HostFacts): void {
    if (!host.up) return;
    if (host.ip === null && host.mac === null) {
      this.out.problem(host, "a host with no usable address; skipped");
      return;
    }
    this.out.add(host, { time: host.time ?? this.runStart, ip: host.ip, mac: host.mac, vendor: host.vendor, name: host.name, ports: host.ports });
  }
}

interface HostFacts {
  line: number;
  column: number;
  up: boolean;
  time: number | null;
  ip: string | null;
  mac: string | null;
  vendor: string | null;
  name: string | null;
  ports: string[];
}
