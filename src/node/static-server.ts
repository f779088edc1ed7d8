/**
 * A small static file server for the built web app (`gutresponse serve`, the browser tests).
 *
 * - Listens on 127.0.0.1 only (never on every interface): the app handles participant data.
 * - GET and HEAD only; `/` and any folder serve its index.html.
 * - No directory traversal: the decoded path is normalised and must stay inside `root` (checked on
 *   the resolved real path, so a symlink cannot lead out either); `..`, NUL bytes and bad
 *   percent-encoding are refused.
 * - MIME types from the extension, `application/wasm` included (browsers refuse to stream-compile
 *   WebAssembly served as anything else); unknown types as application/octet-stream.
 * - Security headers on every response: nosniff, no referrer, the same Content-Security-Policy as
 *   the app's meta tag for HTML documents, and no caching (a rebuilt app is picked up on reload).
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

export const MIME_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".yaml": "text/yaml; charset=utf-8",
};

export interface StaticServerOptions {
  /** The folder to serve (the built app). */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  /** Sent as a Content-Security-Policy header with HTML documents. */
  contentSecurityPolicy?: string;
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:8080/ */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export const LOOPBACK = "127.0.0.1";

/** The file a URL path maps to inside `root`, or null when it would leave the folder. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]!.split("#")[0]!);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  if (decoded.split("/").includes("..")) return null;
  const relativePath = normalize(decoded).replace(/^[/\\]+/, "");
  const file = join(root, relativePath);
  return file === root || file.startsWith(root + sep) ? file : null;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

async function handle(
  realRoot: string,
  csp: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cache-control", "no-store");
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n");
  let file = resolveInside(realRoot, req.url ?? "/");
  if (file === null) return send(res, 403, "forbidden\n");
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const real = realpathSync(file);
    if (!real.startsWith(realRoot + sep)) return send(res, 403, "forbidden\n");
    const body = await readFile(real);
    const type = MIME_TYPES[extname(real).toLowerCase()] ?? "application/octet-stream";
    const headers: Record<string, string | number> = { "content-type": type, "content-length": body.length };
    if (csp !== undefined && type.startsWith("text/html")) headers["content-security-policy"] = csp;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    send(res, 404, "not found\n");
  }
}

/** Starts serving `root` on 127.0.0.1; resolves once listening. */
export function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  if (!existsSync(options.root)) throw new Error(`static root not found: ${options.root}`);
  const realRoot = realpathSync(options.root);
  const server = createServer((req, res) => {
    handle(realRoot, options.contentSecurityPolicy, req, res).catch(() => send(res, 500, "error\n"));
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      const port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${LOOPBACK}:${port}/`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
