/** The package's version, put in by the build (scripts/build.mjs); "0.0.0-dev" from the sources. */
declare const MQTUTOR_VERSION: string;
export const version = typeof MQTUTOR_VERSION === "string" ? MQTUTOR_VERSION : "0.0.0-dev";
