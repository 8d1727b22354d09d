/**
 * A growable double-ended list with O(1) amortised `push` and `shift`, used for the visible
 * messages of a standard queue and for each FIFO message group. Plain `Array#shift` is O(n) on
 * some arrays; here a head index moves instead and the array is compacted when half of it is
 * dead space.
 */
export class Deque<T> {
  private items: (T | undefined)[] = [];
  // Invariant: items[0..head) are cleared slots; the live items are items[head..].
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** The item `i` places from the front (0 is the front). */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.items[this.head + i] : undefined;
  }

  /** Keeps only the items for which `keep` is true, in order. */
  retain(keep: (item: T) => boolean): void {
    const kept: T[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (keep(item)) kept.push(item);
    }
    this.items = kept;
    this.head = 0;
  }

  /** Replaces the contents with `items` (in that order). */
  reset(items: T[] = []): void {
    this.items = items;
    this.head = 0;
  }

  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }
}
