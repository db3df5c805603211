/** A drive letter (`M:`, `m:\`). */
export const DRIVE_LETTER = /^[a-z]:\\?$/i;

/** `X:`, a Windows path (`C:\data`) or a POSIX absolute path (`/mnt/x`). */
export function isValidMount(mount: string): boolean {
  return DRIVE_LETTER.test(mount) || /^[a-z]:[\\/]/i.test(mount) || mount.startsWith("/");
}

/** The key two mounts collide on: drive letters and Windows paths ignore case, a trailing slash is nothing. */
export function mountKey(mount: string): string {
  const m = mount.trim();
  if (/^[a-z]:/i.test(m)) return m.toLowerCase().replace(/\\/g, "/").replace(/\/+$/, "") || m.toLowerCase();
  return m.length > 1 ? m.replace(/\/+$/, "") : m;
}
