// Types for the parts of qlobber 8 (no bundled types) that the exchange tests and
// bench/exchange.bench.ts use to compare against our topic trie. The broker itself does not
// import qlobber.
declare module "qlobber" {
  export interface QlobberOptions {
    separator?: string;
    wildcard_one?: string;
    wildcard_some?: string;
    match_empty_levels?: boolean;
    cache_adds?: boolean;
    cache_splits?: number;
    max_words?: number;
    max_wildcard_somes?: number;
  }
  export class Qlobber<V = unknown> {
    constructor(options?: QlobberOptions);
    add(topic: string, val: V): this;
    remove(topic: string, val?: V): this;
    match(topic: string): V[];
    test(topic: string, val: V): boolean;
    clear(): this;
  }
}
