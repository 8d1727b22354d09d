/**
 * Topic matching with RabbitMQ's word rules (rabbit_db_topic_exchange.erl, 4.x):
 * - a key is split on every "." into words, so empty words count ("a..b" is three words, the
 *   middle one empty; "." is two empty words), except that "" has zero words;
 * - in a binding pattern, a whole word "*" matches exactly one word (an empty one too) and a
 *   whole word "#" matches zero or more words; "a*" or "#b" are plain words;
 * - in a routing key every word is literal, "*" and "#" included.
 */

/** Splits a routing key or binding key into words exactly as RabbitMQ does. */
export function splitTopicWords(key: string): string[] {
  return key === "" ? [] : key.split(".");
}

/**
 * Whether the binding `pattern` matches `routingKey` on a topic exchange.
 *
 * @example topicMatches("order.*.eu", "order.placed.eu") // true
 * @example topicMatches("order.#", "order")               // true: # matches zero words
 * @example topicMatches("*", "")                          // false: "" has no word for * to take
 * @example topicMatches("a.*.b", "a..b")                  // true: the middle word is empty
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = splitTopicWords(pattern);
  const k = splitTopicWords(routingKey);
  if (!p.includes("#")) {
    if (p.length !== k.length) return false;
    for (let i = 0; i < p.length; i++) if (p[i] !== "*" && p[i] !== k[i]) return false;
    return true;
  }
  // With "#", a table over (pattern words, key words) keeps the cost at |p|·|k| whatever the
  // number of "#", where plain backtracking can go exponential.
  // can[j] === 1 when p[0..i) matches k[0..j).
  let can = new Uint8Array(k.length + 1);
  can[0] = 1;
  for (let i = 0; i < p.length; i++) {
    const w = p[i];
    const next = new Uint8Array(k.length + 1);
    if (w === "#") {
      let seen = 0;
      for (let j = 0; j <= k.length; j++) {
        seen |= can[j]!;
        next[j] = seen;
      }
    } else {
      for (let j = 1; j <= k.length; j++) {
        if (can[j - 1] && (w === "*" || w === k[j - 1])) next[j] = 1;
      }
    }
    can = next;
  }
  return can[k.length] === 1;
}
