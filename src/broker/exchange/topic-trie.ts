/**
 * A trie of topic binding patterns, walked the way RabbitMQ's topic exchange walks its own
 * (rabbit_db_topic_exchange:trie_match/5): at each node try the literal word, then "*", then
 * "#" (which tries every suffix of the remaining words). Each value comes back once per match,
 * however many of its patterns match.
 */
import { splitTopicWords } from "./topic.js";

interface TrieNode {
  words: Map<string, TrieNode> | undefined;
  star: TrieNode | undefined;
  hash: TrieNode | undefined;
  /** Values whose pattern ends here, one entry per add (so a value may repeat)... */
  vals: unknown[] | undefined;
  /** ...and their ids, at the same positions (ids index the dedupe stamps). */
  ids: number[] | undefined;
  /** No value repeats in `vals`, so a match reaching only this node can copy it whole. */
  unique: boolean;
  /** Match number in which this node was last collected as a leaf. */
  leafEpoch: number;
  // For a "#" node: in match number `hashEpoch` the suffixes from word `hashFrom` on were
  // already tried. The result of walking (node, word index) never changes within a match, so
  // this keeps every "#" node at one walk per word index: linear, where plain recursion over
  // patterns like "#.a.#.a.#" grows with the power of the number of "#".
  hashEpoch: number;
  hashFrom: number;
}

const newNode = (): TrieNode => ({
  words: undefined,
  star: undefined,
  hash: undefined,
  vals: undefined,
  ids: undefined,
  unique: true,
  leafEpoch: 0,
  hashEpoch: 0,
  hashFrom: 0,
});

/** "#.#" matches exactly what "#" matches, so runs of "#" are stored as one. */
function patternWords(pattern: string): string[] {
  const words = splitTopicWords(pattern);
  const out: string[] = [];
  for (const w of words) if (!(w === "#" && out[out.length - 1] === "#")) out.push(w);
  return out;
}

const isEmpty = (n: TrieNode): boolean =>
  n.vals === undefined && n.star === undefined && n.hash === undefined && (n.words === undefined || n.words.size === 0);

/**
 * Maps topic patterns to values. `add` the same (pattern, value) twice and it must be removed
 * twice; `match` still returns the value once.
 *
 * @example
 * const trie = new TopicTrie<string>();
 * trie.add("order.*.eu", "q.warehouse-eu");
 * trie.add("order.#", "q.analytics");
 * trie.match("order.placed.eu"); // ["q.warehouse-eu", "q.analytics"] (order not specified)
 */
export class TopicTrie<T> {
  private readonly root = newNode();
  private readonly idOf = new Map<T, number>();
  private values: (T | undefined)[] = [];
  private refs: number[] = [];
  private readonly freeIds: number[] = [];
  private marks = new Uint32Array(64);
  private epoch = 0;
  private bindings = 0;
  /** Nodes whose bindings the current match collects (reused between matches). */
  private readonly leaves: TrieNode[] = [];

  /** How many (pattern, value) pairs are stored. */
  get size(): number {
    return this.bindings;
  }

  add(pattern: string, value: T): void {
    let node = this.root;
    for (const w of patternWords(pattern)) {
      if (w === "*") node = node.star ??= newNode();
      else if (w === "#") node = node.hash ??= newNode();
      else {
        const words = (node.words ??= new Map());
        let child = words.get(w);
        if (child === undefined) words.set(w, (child = newNode()));
        node = child;
      }
    }
    const id = this.idFor(value);
    if (node.ids === undefined) {
      node.ids = [];
      node.vals = [];
    } else if (node.ids.includes(id)) node.unique = false;
    node.ids.push(id);
    node.vals!.push(value);
    this.refs[id]!++;
    this.bindings++;
  }

  /** Removes one (pattern, value) pair; false when it was not there. */
  remove(pattern: string, value: T): boolean {
    const id = this.idOf.get(value);
    if (id === undefined) return false;
    const path: TrieNode[] = [this.root];
    const words = patternWords(pattern);
    let node: TrieNode | undefined = this.root;
    for (const w of words) {
      node = w === "*" ? node.star : w === "#" ? node.hash : node.words?.get(w);
      if (node === undefined) return false;
      path.push(node);
    }
    const at = node.ids?.lastIndexOf(id) ?? -1;
    if (at < 0) return false;
    node.ids!.splice(at, 1);
    node.vals!.splice(at, 1);
    if (node.ids!.length === 0) {
      node.ids = undefined;
      node.vals = undefined;
      node.unique = true;
    } else if (!node.unique) node.unique = new Set(node.ids).size === node.ids!.length;
    if (--this.refs[id]! === 0) {
      this.idOf.delete(value);
      this.values[id] = undefined;
      this.freeIds.push(id);
    }
    this.bindings--;
    // Prune nodes left empty, deepest first.
    for (let d = words.length; d > 0; d--) {
      const child = path[d]!;
      if (!isEmpty(child)) break;
      const parent = path[d - 1]!;
      const w = words[d - 1]!;
      if (w === "*") parent.star = undefined;
      else if (w === "#") parent.hash = undefined;
      else parent.words!.delete(w);
    }
    return true;
  }

  /**
   * The values whose patterns match `routingKey`, each once. The array may be the trie's own
   * storage (that is what makes a one-node match cheap): read it, do not change or keep it
   * across add/remove.
   */
  match(routingKey: string): readonly T[] {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      // After 2^32 matches the stamps wrap: clear them rather than risk a stale equal stamp.
      this.marks.fill(0);
      this.epoch = 1;
    }
    const leaves = this.leaves;
    leaves.length = 0;
    this.walk(this.root, routingKey === "" ? [] : routingKey.split("."), 0);
    if (leaves.length === 0) return [];
    // The common case of one matching pattern node needs no deduplication across nodes.
    if (leaves.length === 1 && leaves[0]!.unique) return leaves[0]!.vals as T[];
    const marks = this.marks;
    const epoch = this.epoch;
    // Start from the largest duplicate-free node: copied whole, its ids only stamped; the
    // others are checked value by value.
    let big = -1;
    for (let l = 0; l < leaves.length; l++) {
      const leaf = leaves[l]!;
      if (leaf.unique && (big < 0 || leaf.vals!.length > leaves[big]!.vals!.length)) big = l;
    }
    let out: T[] = [];
    if (big >= 0) {
      const { ids, vals } = leaves[big]!;
      out = vals!.slice() as T[];
      for (let k = 0; k < ids!.length; k++) marks[ids![k]!] = epoch;
    }
    for (let l = 0; l < leaves.length; l++) {
      if (l === big) continue;
      const { ids, vals } = leaves[l]!;
      for (let k = 0; k < ids!.length; k++) {
        const id = ids![k]!;
        if (marks[id] !== epoch) {
          marks[id] = epoch;
          out.push(vals![k] as T);
        }
      }
    }
    return out;
  }

  private walk(node: TrieNode, words: string[], i: number): void {
    if (i === words.length) {
      if (node.vals !== undefined && node.leafEpoch !== this.epoch) {
        node.leafEpoch = this.epoch;
        this.leaves.push(node);
      }
      if (node.hash !== undefined) this.skipAny(node.hash, words, i);
      return;
    }
    if (node.words !== undefined) {
      const child = node.words.get(words[i]!);
      if (child !== undefined) this.walk(child, words, i + 1);
    }
    if (node.star !== undefined) this.walk(node.star, words, i + 1);
    if (node.hash !== undefined) this.skipAny(node.hash, words, i);
  }

  /** `hash` stands for "#": let it take words[from..j) for every j, then match the rest. */
  private skipAny(hash: TrieNode, words: string[], from: number): void {
    let end = words.length;
    if (hash.hashEpoch === this.epoch) {
      if (hash.hashFrom <= from) return;
      end = hash.hashFrom - 1;
    }
    hash.hashEpoch = this.epoch;
    hash.hashFrom = from;
    for (let j = from; j <= end; j++) this.walk(hash, words, j);
  }

  private idFor(value: T): number {
    let id = this.idOf.get(value);
    if (id !== undefined) return id;
    id = this.freeIds.pop() ?? this.values.length;
    this.idOf.set(value, id);
    this.values[id] = value;
    this.refs[id] = 0;
    if (id >= this.marks.length) {
      const grown = new Uint32Array(this.marks.length * 2);
      grown.set(this.marks);
      this.marks = grown;
    }
    // A reused id may carry the current epoch from an earlier value: reset it.
    this.marks[id] = 0;
    return id;
  }
}
