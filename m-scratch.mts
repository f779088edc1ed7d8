import { mergeStripeParts } from "./src/node/beta-partial.js";
import { writeDistanceMatrix } from "./src/node/dm-file.js";
const mb = (l: string) => { const m = process.memoryUsage(); console.log(l, "rss", (m.rss/1e6).toFixed(0), "heap", (m.heapUsed/1e6).toFixed(0), "ext", (m.external/1e6).toFixed(0), "ab", (m.arrayBuffers/1e6).toFixed(0)); };
mb("start");
const { dm } = await mergeStripeParts([1,2,3,4].map((j) => `/tmp/scalerun/bc.${j}.bin`)); mb("merged");
const h5 = await import("h5wasm/node"); const M = await h5.ready; mb("h5 loaded"); console.log("wasm", M.HEAPU8.length/1e6);
await writeDistanceMatrix("/tmp/h5mem/m.h5", dm); mb("written"); console.log("wasm", M.HEAPU8.length/1e6);
