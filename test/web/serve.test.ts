/**
 * The static server behind `gutresponse serve`: loopback only, MIME types (wasm!), no directory
 * traversal (dot segments, encoded dots, backslashes, NUL, symlinks out of the root), CSP header
 * taken from the app's meta tag, a clear error when the app is not built, and the CLI command.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { resolveInside, type StaticServer } from "../../src/node/static-server.js";
import { appContentSecurityPolicy, serveWebApp } from "../../src/node/web-app.js";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}"></head><body>app</body></html>`;

/** A raw GET (no URL normalisation by a client library), returning status, headers and body. */
function get(
  port: number,
  path: string,
): Promise<{ status: number; type: string; csp?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          csp: res.headers["content-security-policy"] as string | undefined,
          body,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static server", () => {
  let base: string;
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "gutresponse-serve-"));
    root = join(base, "app");
    mkdirSync(join(root, "assets"), { recursive: true });
    writeFileSync(join(root, "index.html"), INDEX);
    writeFileSync(join(root, "assets", "h5.wasm"), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(root, "assets", "main.js"), "export {};");
    writeFileSync(join(base, "secret.txt"), "secret");
    symlinkSync(join(base, "secret.txt"), join(root, "assets", "link.txt"));
    server = await serveWebApp(root, 0);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.server.address()).toMatchObject({ address: "127.0.0.1" });
  });

  it("serves index.html at / with the app's CSP as a header", async () => {
    const r = await get(server.port, "/");
    expect(r).toMatchObject({ status: 200, type: "text/html; charset=utf-8", body: INDEX });
    expect(r.csp).toBe(CSP);
  });

  it("sends application/wasm and text/javascript", async () => {
    expect((await get(server.port, "/assets/h5.wasm")).type).toBe("application/wasm");
    expect((await get(server.port, "/assets/main.js?v=1")).type).toBe("text/javascript; charset=utf-8");
  });

  it("refuses every way out of the root", async () => {
    for (const path of [
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/..%5csecret.txt",
      "/assets/%00.js",
      "/%E0%A4%A",
      "/assets/link.txt",
    ]) {
      const r = await get(server.port, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body, path).not.toContain("secret");
    }
    expect((await get(server.port, "/nope.js")).status).toBe(404);
  });

  it("maps URL paths inside the root and rejects the rest", () => {
    expect(resolveInside("/srv/app", "/assets/a.js")).toBe("/srv/app/assets/a.js");
    expect(resolveInside("/srv/app", "/")).toBe("/srv/app");
    expect(resolveInside("/srv/app", "/a/../../b")).toBeNull();
    expect(resolveInside("/srv/app", "/%2e%2e/b")).toBeNull();
  });

  it("reads the CSP from the meta tag", () => {
    expect(appContentSecurityPolicy(INDEX)).toBe(CSP);
    expect(appContentSecurityPolicy("<html></html>")).toBeUndefined();
  });

  it("fails clearly when the app is not built", async () => {
    await expect(serveWebApp(join(base, "missing"), 0)).rejects.toThrow(/not built.*npm run build:web/);
  });

  it("the serve command rejects a bad port and documents itself", async () => {
    const err: string[] = [];
    const out: string[] = [];
    const ctx = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    expect(await main(["serve", "--port", "http"], ctx)).toBe(2);
    expect(err.join("")).toContain("'http' is not a port number");
    expect(await main(["serve", "--help"], ctx)).toBe(0);
    expect(out.join("")).toContain("127.0.0.1");
  });
});
