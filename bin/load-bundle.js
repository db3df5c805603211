// Runs a bundled CLI (dist/netstack.cjs, dist/netstack-lint.cjs) the way Node runs a CommonJS file,
// but through vm.Script so that V8's code cache (the `.cache` file beside it, written by
// `npm run compile` after a warm-up run) can be handed in: a commit hook then deserializes compiled
// code instead of parsing and compiling a megabyte of JavaScript, about a sixth of a small lint.
// The cache starts with the build id of the bundle it was made from (V8 itself compares only the
// source's length); V8 rejects a cache made by another Node, V8 or set of flags, and the bundle
// then compiles as usual: slower, never wrong.
"use strict";
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

/** Every bundle starts with this comment and a 16-character build id. */
const BUILD_ID_PREFIX = "/*netstack-build:";
const BUILD_ID_LENGTH = 16;

function buildId(source) {
  return source.startsWith(BUILD_ID_PREFIX) ? source.slice(BUILD_ID_PREFIX.length, BUILD_ID_PREFIX.length + BUILD_ID_LENGTH) : null;
}

/** V8's cached data for `source`, if the cache file was made from this very build. */
function cachedDataFor(source, cacheFile) {
  const id = buildId(source);
  if (id === null || !cacheFile) return undefined;
  let cache;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return cache.subarray(0, BUILD_ID_LENGTH).toString("latin1") === id ? cache.subarray(BUILD_ID_LENGTH) : undefined;
}

/**
 * The bundle's exports; the Script and build id let the build write the cache after a warm-up.
 * `as`: the path the bundle will have (the build warms up a temp file that is renamed after).
 */
function loadBundle(file, cacheFile = `${file}.cache`, as = file) {
  const source = readFileSync(file, "utf8");
  const cachedData = cachedDataFor(source, cacheFile);
  // The bundle was ES modules, which are strict: it stays strict inside the CommonJS wrapper.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {"use strict";${source}\n})`;
  const script = new vm.Script(wrapped, {
    filename: as,
    cachedData,
    // A few bundled packages import() Node built-ins: resolve those as the main program would.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(as), module, as, path.dirname(as));
  return { exports: module.exports, script, buildId: buildId(source), cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

exports.BUILD_ID_PREFIX = BUILD_ID_PREFIX;
exports.BUILD_ID_LENGTH = BUILD_ID_LENGTH;
exports.loadBundle = loadBundle;
