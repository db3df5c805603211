import type { Formatter } from "./types.js";
import { stylish } from "./stylish.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { github } from "./github.js";

export type { Formatter, FormatOptions } from "./types.js";

export const FORMATTERS = { stylish, json, sarif, github } satisfies Record<string, Formatter>;
export type FormatterName = keyof typeof FORMATTERS;
export const FORMATTER_NAMES = Object.keys(FORMATTERS) as FormatterName[];
