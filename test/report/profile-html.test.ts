import { describe, expect, it } from "vitest";
import { trainModel } from "../../src/core/models/train-model.js";
import { personalProfile } from "../../src/core/profile/personal-profile.js";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { denseBlock, nFeatures, nSamples } from "../../src/core/table/feature-table.js";
import { renderProfileHtml } from "../../src/report/profile-html.js";
import { categoricalValues } from "../helpers/metadata.js";
import { smallCohort } from "../profile/small-cohort.js";

const HOSTILE_ID = `"><script>alert(1)</script><img src="https://evil.example/x.png">`;
const HOSTILE_TAXON = `Faecalibacterium<img src=x onerror=alert(2)>`;

describe("renderProfileHtml", () => {
  const cohort = smallCohort(kratomDesign(), 40, 9, 12);
  const p = nFeatures(cohort.genus);
  const names = cohort.genus.featureIds.map((id) => (id === "Faecalibacterium" ? HOSTILE_TAXON : id));
  const y = Float64Array.from(categoricalValues(cohort.metadata, "constipation"), (v) =>
    v === "yes" ? 1 : 0,
  );
  const x = denseBlock(cohort.genus);
  const model = trainModel(
    { x, n: nSamples(cohort.genus), p, featureNames: names, y, task: "binary", target: "constipation<b>" },
    {
      seed: 1,
      k: 3,
      repeats: 1,
      bootstrapReplicates: 100,
      permutations: 0,
      model: { type: "random_forest", numTrees: 50 },
    },
  );
  const profile = personalProfile(model, { sampleId: HOSTILE_ID, counts: x.subarray(0, p) });

  it("escapes a hostile sample ID and taxon names", async () => {
    const html = await renderProfileHtml(profile, "0.0.0-test");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<script/g)).toEqual(["<script"]);
    expect(html).toContain(`<script type="application/json" id="gutresponse-profile">`);
    const json = html.split(`id="gutresponse-profile">`)[1]!.split("</script>")[0]!;
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).sampleId).toBe(HOSTILE_ID);
  });

  it("is self-contained: no network reference, scripts and fetches forbidden by CSP", async () => {
    const html = await renderProfileHtml(profile, "0.0.0-test");
    expect(html).not.toMatch(/\b(src|href|action|poster|data)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(html).toContain("<svg");
  });

  it("leads with the chance statement when the permutation test was not run", async () => {
    const html = await renderProfileHtml(profile, "0.0.0-test");
    const lead = html.indexOf("no better than chance");
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(html.indexOf('<section id="prediction">'));
    expect(html).toContain('class="note note-warn"');
  });
});
