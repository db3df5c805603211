import fc from "fast-check";

/**
 * Property tests run with one fixed seed so CI is reproducible; set FC_SEED to explore others
 * (fast-check prints the seed and path of any counterexample it finds).
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
