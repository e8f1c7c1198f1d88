// hash-wasm's one-algorithm UMD build (in its package, no "exports" map): Node imports it instead
// of the whole package (src/node/cache-folder.ts). As CommonJS, its functions are on `default`.
declare module 'hash-wasm/dist/xxhash128.umd.min.js' {
  const xxhash128: { createXXHash128: typeof import('hash-wasm').createXXHash128 };
  export default xxhash128;
}
