/**
 * DuckDB-WASM compiles its 34 MB module from bytes on every instantiate (~1.8-3 s in Node on a
 * loaded 2-core machine). These helpers compile it once per process/worker, as early as the host
 * wants, and hand the compiled module to every later DuckDB instance (instantiating a compiled
 * module takes milliseconds).
 */

/** The part of DuckDB-WASM's bindings that loads the wasm (emscripten's `instantiateWasm` hook). */
interface InstantiatingBindings {
  mainModulePath?: string;
  _runtime?: object;
  instantiateWasm?: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => unknown[];
}

/**
 * Makes `bindings` instantiate from `compiled` instead of compiling `mainModulePath` again.
 * Leaves the bindings as they are when they are not the shape this was written for (another
 * DuckDB-WASM version): they then compile as before.
 * @param bindings what `createDuckDB` returned, before `instantiate()`
 * @param compiled the module compiled from the same file the bindings would load
 * @returns true when the hook was installed
 * @example useCompiledModule(bindings, compileOnce(path, () => readFile(path)));
 */
export function useCompiledModule(bindings: object, compiled: Promise<WebAssembly.Module>): boolean {
  const b = bindings as InstantiatingBindings;
  if (typeof b.instantiateWasm !== 'function' || typeof b._runtime !== 'object' || b._runtime === null) return false;
  const runtime = b._runtime;
  b.instantiateWasm = (imports, done) => {
    // What DuckDB-WASM's own hook does before instantiating: expose its runtime to the module.
    const global = globalThis as { DUCKDB_RUNTIME?: Record<string, unknown> };
    global.DUCKDB_RUNTIME = {};
    for (const name of Object.getOwnPropertyNames(runtime)) {
      if (name !== 'constructor') global.DUCKDB_RUNTIME[name] = Object.getOwnPropertyDescriptor(runtime, name)?.value;
    }
    void compiled.then(async (module) => done(await WebAssembly.instantiate(module, imports), module));
    return [];
  };
  return true;
}

const modules = new Map<string, Promise<WebAssembly.Module>>();

/**
 * Compiles the wasm at `key` once; later calls return the same module.
 * @param key the file's path or URL
 * @param bytes reads the file (called once)
 * @returns the compiled module
 * @example const module = await compileOnce('/x/duckdb-eh.wasm', () => readFile('/x/duckdb-eh.wasm'));
 */
export function compileOnce(key: string, bytes: () => Promise<BufferSource>): Promise<WebAssembly.Module> {
  let module = modules.get(key);
  if (!module) {
    module = bytes().then((b) => WebAssembly.compile(b));
    modules.set(key, module);
    module.catch(() => modules.delete(key));
  }
  return module;
}
