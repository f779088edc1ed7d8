/**
 * Where the built web app lives and how it is served: `npm run build:web` writes it to `web-dist/`
 * at the package root (this file sits two folders below the root both as src/node/*.ts and as
 * dist/node/*.js, so one relative URL finds it in both). The Content-Security-Policy the server
 * sends is read from the app's own `<meta http-equiv="Content-Security-Policy">`, so the header and
 * the meta tag cannot drift apart.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GutresponseError } from "../core/errors.js";
import { type StaticServer, startStaticServer } from "./static-server.js";

export const WEB_APP_DIR = fileURLToPath(new URL("../../web-dist/", import.meta.url));

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;

/** The CSP declared by the app's index.html, or undefined when it declares none. */
export function appContentSecurityPolicy(indexHtml: string): string | undefined {
  return CSP_META.exec(indexHtml)?.[1]?.replace(/\s+/g, " ").trim();
}

/** Serves the built app in `dir` on 127.0.0.1:`port` (0: a free port). */
export async function serveWebApp(dir = WEB_APP_DIR, port = 0): Promise<StaticServer> {
  const index = join(dir, "index.html");
  if (!existsSync(index)) {
    throw new GutresponseError(
      `the web app is not built (no ${index}); build it first with 'npm run build:web' (or 'npm run build')`,
    );
  }
  const contentSecurityPolicy = appContentSecurityPolicy(readFileSync(index, "utf8"));
  return startStaticServer({ root: dir, port, contentSecurityPolicy });
}
