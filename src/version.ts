import { PACKAGE_JSON } from "./package-root.js";

/** The package version, from the package's own package.json. */
export const VERSION: string = PACKAGE_JSON.version;
