import path from "node:path";

/** A path relative to cwd with forward slashes, as editors and CI annotations expect. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === "" ? path.basename(file) : rel).split(path.sep).join("/");
}
