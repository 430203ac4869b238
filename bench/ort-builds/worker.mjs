// One measurement in a fresh worker: load an ORT build, open `model`, run it `runs` times on a random input.
self.onmessage = async ({ data: { bundle, model, size, runs } }) => {
  const started = performance.now();
  const ort = await import(bundle);
  ort.env.wasm.wasmPaths = new URL('/ort/', location.href).href;
  ort.env.wasm.numThreads = 1;
  const bytes = new Uint8Array(await (await fetch(model)).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const opened = performance.now();
  const data = new Float32Array(3 * size * size).map(() => Math.random() * 255);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, [1, 3, size, size]) };
  await session.run(feeds);
  const first = performance.now();
  for (let i = 0; i < runs; i++) await session.run(feeds);
  const done = performance.now();
  postMessage({
    openMs: opened - started,
    firstRunMs: first - opened,
    runMs: (done - first) / runs,
  });
};
