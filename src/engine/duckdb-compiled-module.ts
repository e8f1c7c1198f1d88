/**
 * DuckDB-WASM compiles its 34 MB module from bytes on every instantiate (~1.8-3 s in Node on a
 * loaded 2-core machine). These helpers compile it once per process/worker, as early as the host
 * wants, and hand the compiled module to every later DuckDB instance (instantiating a compiled
 * module takes milliseconds).
 */
import { AnalyticsError } from './errors.js';

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
  const own = b.instantiateWasm.bind(bindings);
  b.instantiateWasm = (imports, done) => {
    // What DuckDB-WASM's own hook does before instantiating: expose its runtime to the module.
    const global = globalThis as { DUCKDB_RUNTIME?: Record<string, unknown> };
    global.DUCKDB_RUNTIME = {};
    for (const name of Object.getOwnPropertyNames(runtime)) {
      if (name !== 'constructor') global.DUCKDB_RUNTIME[name] = Object.getOwnPropertyDescriptor(runtime, name)?.value;
    }
    // A failed compile or instantiation falls back to DuckDB-WASM's own loading (not a hang).
    void compiled
      .then(async (module) => ({ module, instance: await WebAssembly.instantiate(module, imports) }))
      .then(
        ({ module, instance }) => done(instance, module),
        () => own(imports, done),
      );
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
export function compileOnce(key: string, bytes: () => Promise<BufferSource | WebAssembly.Module>): Promise<WebAssembly.Module> {
  let module = modules.get(key);
  if (!module) {
    module = bytes().then((b) => (b instanceof WebAssembly.Module ? b : WebAssembly.compile(b)));
    modules.set(key, module);
    module.catch(() => modules.delete(key));
  }
  return module;
}

/**
 * Fetches and compiles the wasm at `url` once, compiling while the bytes arrive
 * (`WebAssembly.compileStreaming`) when the server sends `application/wasm`, from the whole
 * response otherwise (streaming compilation refuses other content types).
 * @param url absolute URL of the wasm file
 * @param fetchFile the fetch to use (default: the global one)
 * @returns the compiled module (the same promise for every call with this URL)
 * @throws (rejects) AnalyticsError FETCH_FAILED when the file cannot be fetched (the next call fetches again)
 * @example const module = await compileStreamingOnce(new URL('./duckdb-eh.wasm', import.meta.url).href);
 */
export function compileStreamingOnce(url: string, fetchFile: (url: string) => Promise<Response> = (u) => fetch(u)): Promise<WebAssembly.Module> {
  return compileOnce(url, async () => {
    let response: Response;
    try {
      response = await fetchFile(url);
    } catch (e) {
      throw new AnalyticsError('FETCH_FAILED', `could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!response.ok) throw new AnalyticsError('FETCH_FAILED', `could not fetch ${url}: HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) return WebAssembly.compileStreaming(response);
    return response.arrayBuffer();
  });
}
