/**
 * True in a build made for tests (`vite build --mode e2e`: the e2e specs and the benchmarks), false in the
 * app people use and in unit tests. What only a test build needs (fault injection, replaced detections,
 * the bench profiles on `window.__garim`; docs/CLI.md) sits behind it: Vite writes the mode into the bundle
 * as a literal, so a production build drops that code, in the page and in the workers alike
 * (src/lib/test-build.test.ts greps the built files to prove it).
 */
export const TEST_BUILD: boolean = import.meta.env.MODE === 'e2e';
