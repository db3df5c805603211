/**
 * Appends every item of each list to `target`. A loop, not `target.push(...items)`: a spread passes
 * each item as an argument, and a list as long as a hostile file can make overflows the stack.
 */
export function appendAll<T>(target: T[], ...lists: readonly (readonly T[])[]): T[] {
  for (const list of lists) for (const item of list) target.push(item);
  return target;
}
