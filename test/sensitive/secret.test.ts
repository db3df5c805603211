import fc from "fast-check";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { classifyHeader, findSecrets, isSecretColumn } from "../../src/sensitive/detector.js";
import { mayHoldToken } from "../../src/rules/sensitive/known-tokens.js";
import { maskSecret } from "../../src/rules/sensitive/mask.js";
import { cleanTempDirs } from "../foundation/helpers.js";
import { lintLines, only, site } from "./helpers.js";

afterAll(cleanTempDirs);

const secrets = (text: string) => findSecrets(text).map((c) => text.slice(c.start, c.end));

describe("maskSecret", () => {
  it("shows the first two characters, an ellipsis and the last one", () => {
    expect(maskSecret("Hunter2!")).toBe("Hu…!");
    expect(maskSecret("abcdef")).toBe("ab…f");
  });

  it("shows nothing of a short secret", () => {
    expect(maskSecret("abc12")).toBe("…");
  });
});

describe("password-like headers", () => {
  it.each(["pw", "PW", "API_KEY", "Pass", "Password", "passwd", "Secret", "Token", "API key", "api-key", "admin password", "WiFi key", "root pw", "Kennwort", "contraseña", "mot de passe", "SNMP community", "WLAN-Schlüssel"])("%s is a secret column", (h) => {
    expect(classifyHeader(h, [h])).toBe("secret");
  });

  it.each(["PIN", "Pin", "SIM PIN", "pin code"])("%s is a PIN column (digits only count)", (h) => {
    expect(classifyHeader(h, [h])).toBe("pin");
  });

  it.each(["login", "credentials", "creds", "user/pass", "Zugangsdaten", "user password"])("%s is a login column (a user, maybe with a password)", (h) => {
    expect(classifyHeader(h, [h])).toBe("credential");
  });

  it.each(["Name", "Passport", "Bypass", "Pass/Fail", "Keyboard", "Monkey", "Tokens used", "password policy", "pw hint", "Passwort-Hinweis", "PublicKey", "token expiry"])("%s is not", (h) => {
    expect(isSecretColumn(h, [h])).toBe(false);
  });

  it("a bare Key column is ambiguous (key names or keys); beside a Value column it is a key/value table", () => {
    expect(classifyHeader("Key", ["Key", "Fingerprint"])).toBe("key");
    expect(classifyHeader("Key", ["Key", "Value"])).toBe(null);
  });
});

describe("credentials in text", () => {
  it("finds account pairs, user:pass@host and written-out passwords", () => {
    const text = "login admin-Password1# or root/Sup3rSecret!, see https://ops:Tr0ub4dor@dash.lan/ and jdoe-Summer2024! (password: hunter22)";
    expect(secrets(text)).toEqual(["Password1#", "Sup3rSecret!", "Tr0ub4dor", "jdoe-Summer2024!", "hunter22"]);
  });

  it("leaves paths, host names, hyphenated words and references alone", () => {
    const text =
      "ops/sensitive/nas.yaml, docs/Setup-Guide_v2.md, cf-dc1, admin-panel, root-fs, user-guide, admin/Settings, " +
      "password: see ops/sensitive/, token: $ZT_TOKEN, pw: ***, mailto:bob@corp.io, Windows-Server";
    expect(secrets(text)).toEqual([]);
  });
});

describe("sensitive/secret through lint", () => {
  it("reports a password row at the cell, masked", async () => {
    const root = site({
      "docs/services.md": "# Services\n\n| service | host | user | pw |\n|---|---|---|---|\n| smb | tsnas | admin | Hunter2! |\n| ui | tsgw | admin | see ops/sensitive/gw.yaml |\n",
    });
    expect(only(await lintLines(root), "sensitive/secret")).toEqual([
      'docs/services.md:5:25 error sensitive/secret Column "pw" holds a secret (Hu…!); keep it in ops/sensitive/ and write where it lives, not what it is',
    ]);
  });

  it("finds known token formats with secretlint, masked, and asks to revoke them", async () => {
    const ghp = `ghp_${"A1b2C3d4E5".repeat(3)}abcdef`;
    const slack = "xoxb-2345678901-2345678901-AbCdEfGhIjKlMnOpQrStUvWx";
    const key = ["-----BEGIN RSA PRIVATE KEY-----", ..."MIIEow".padEnd(64, "A").match(/.{1,64}/g)!, `${"B".repeat(60)}==`, "-----END RSA PRIVATE KEY-----"].join("\n");
    const root = site({ "docs/notes.md": `# Notes\n\nCI uses ${ghp}.\n\nSlack: ${slack}\n\nAWS id AKIAQYLPMN5HHHFPZAM2\n\n${key}\n` });
    const lines = only(await lintLines(root), "sensitive/secret");
    expect(lines).toEqual([
      "docs/notes.md:3:9 error sensitive/secret Known token format GITHUB_TOKEN (gh…f); revoke it, then keep it in ops/sensitive/ and write where it lives, not what it is",
      "docs/notes.md:5:8 error sensitive/secret Known token format SLACK_TOKEN (xo…x); revoke it, then keep it in ops/sensitive/ and write where it lives, not what it is",
      "docs/notes.md:7:8 error sensitive/secret Known token format AWSAccessKeyID (AK…2); revoke it, then keep it in ops/sensitive/ and write where it lives, not what it is",
      "docs/notes.md:9:1 error sensitive/secret Known token format PrivateKey (--…-); revoke it, then keep it in ops/sensitive/ and write where it lives, not what it is",
    ]);
    for (const secret of [ghp, slack, "AKIAQYLPMN5HHHFPZAM2"]) expect(lines.join("\n")).not.toContain(secret);
  });

  it("the cheap pre-filter lets every sample token through and keeps plain site docs from loading secretlint", () => {
    for (const token of ["ghp_0123456789abcdefABCDEF0123456789abcd", "xoxb-1-2-abc", "AKIAQYLPMN5HHHFPZAM2", "-----BEGIN OPENSSH PRIVATE KEY-----", "https://u:p@h.io", "sk-ant-api03-x", "glpat-abcdefghij0123456789", "npm_abc"]) {
      expect(mayHoldToken(`text ${token} text`), token).toBe(true);
    }
    for (const { text } of Object.values(SITE_TEXTS)) expect(mayHoldToken(text)).toBe(false);
  });

  it("never prints a secret: any password in a pw column is reported once, masked", async () => {
    const password = fc.stringMatching(/^[A-Za-z0-9!#%&*+=?@^_~-]{6,24}$/).filter((p) => !/^[-*]+$/.test(p) && !/^x+$/i.test(p));
    await fc.assert(
      fc.asyncProperty(password, async (pw) => {
        const root = site({ "docs/services.md": `# Services\n\n| service | host | pw |\n|---|---|---|\n| smb | tsnas | ${pw} |\n` });
        const { diagnostics } = await lint([root]);
        const found = diagnostics.filter((d) => d.ruleId === "sensitive/secret");
        expect(found.map((d) => [d.line, d.column])).toEqual([[5, 17]]);
        expect(found[0]!.message).toContain(`(${maskSecret(pw)})`);
        for (const d of diagnostics) expect(d.message).not.toContain(pw);
      }),
      { numRuns: 25 },
    );
  });
});

const SITE_TEXTS = { devices: { text: "| name | ip | mac |\n|---|---|---|\n| gw | 192.168.5.1 | 48-8F-5A-3C-11-02 |\n| https://192.168.5.1/admin | x | y |\n" } };

describe("every text file of a site", () => {
  it("a script named on the command line is scanned, whatever its type, and fails the lint", async () => {
    const root = site({ "ops/monitor/mount.sh": "#!/bin/sh\nmount -t cifs //nas/b /mnt -o username=ops,password=Harbor2Seal\n", "notes.weird": "pw: Hunter2!Secret\n" });
    expect(only(await lintLines(root, [path.join(root, "ops/monitor/mount.sh"), path.join(root, "notes.weird")]), "sensitive/secret")).toEqual([
      "notes.weird:1:5 error sensitive/secret A password written out (Hu…t); keep it in ops/sensitive/ and write where it lives, not what it is",
      "ops/monitor/mount.sh:2:53 error sensitive/secret A password written out (Ha…l); keep it in ops/sensitive/ and write where it lives, not what it is",
    ]);
  });

  it("a whole site includes dot-folders, .env files and Markdown under them; ops/sensitive/ is where secrets belong", async () => {
    const root = site({
      ".github/workflows/deploy.yml": "env:\n  DEPLOY_PASSWORD: Harvest!Moon2024\n",
      ".env": "DB_PASS=Lantern!Moth7\n",
      ".notes/old.md": "- root:Quill&Ink77\n",
      "ops/sensitive/nas.yaml": "admin_password: Ridge7Falcon\n",
      "img/logo.png": "\x89PNG\r\n\x1a\n\0\0\0",
    });
    expect(only(await lintLines(root), "sensitive/secret")).toEqual([
      ".env:1:9 error sensitive/secret A password written out (La…7); keep it in ops/sensitive/ and write where it lives, not what it is",
      ".github/workflows/deploy.yml:2:20 error sensitive/secret A password written out (Ha…4); keep it in ops/sensitive/ and write where it lives, not what it is",
      ".notes/old.md:1:8 error sensitive/secret A password paired with the \"root\" account (Qu…7); keep it in ops/sensitive/ and write where it lives, not what it is",
    ]);
  });

  it("a binary file named on the command line is noted, not read", async () => {
    const root = site({ "ops/sensitive/vault.kdbx": "\x03\xd9\xa2\x9a\0\0\x01pw: Hunter2!Secret" });
    expect(only(await lintLines(root, [path.join(root, "ops/sensitive/vault.kdbx")]), "sensitive/secret")).toEqual([
      "ops/sensitive/vault.kdbx:1:1 warn sensitive/secret Not scanned for secrets: a binary file; not scanned for secrets",
    ]);
  });
});
