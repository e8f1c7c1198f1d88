/**
 * Type-level helpers for the remote-types tests (comlink's tests/type-checks.ts idea): whether a
 * type is plain, structured-cloneable data. `Extra` admits more leaf types (e.g. typed arrays).
 */

// biome-ignore lint/suspicious/noConfusingVoidType: a remote call that returns nothing resolves to void
type Leaf = string | number | boolean | null | undefined | void;
type IsPlain<T, Extra> = T extends Leaf | Extra
  ? true
  : T extends ((...args: never[]) => unknown) | Map<unknown, unknown> | Set<unknown> | bigint | symbol
    ? false
    : T extends readonly (infer E)[]
      ? IsPlain<E, Extra>
      : T extends object
        ? { [K in keyof T]-?: IsPlain<T[K], Extra> }[keyof T] extends true
          ? true
          : false
        : false;

/** `true` when T is a Promise of plain data. */
export type IsPlainPromise<T, Extra = never> = T extends Promise<infer R> ? IsPlain<R, Extra> : false;
