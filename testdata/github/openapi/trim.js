#!/usr/bin/env node
// trim.js cuts GitHub's OpenAPI description (npm @octokit/openapi,
// generated/api.github.com.json) down to the operations reviewbot's action
// calls, keeping every component they reference (transitively), so that
// Prism starts in about 2 s instead of 14 s. It also makes the description
// usable with go-github and Prism (see tooling-notes):
//   - every application/json response is copied under the vendor media
//     types go-github sends in Accept (v3+json, comfort-fade-preview);
//   - GET contents also answers application/vnd.github.raw (a string);
//   - Link headers are removed: Prism would send the spec's example
//     "next page" on every page and a pagination loop would never end;
//   - the pull-request example gets the requested_teams[].type its own
//     schema requires (Prism --errors refuses to serve an invalid example).
//
// Usage: node trim.js path/to/api.github.com.json > api.github.com.trimmed.json
"use strict";
const fs = require("fs");

const keep = {
  "/user": ["get"],
  "/repos/{owner}/{repo}/pulls/{pull_number}": ["get"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/files": ["get"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments": ["get"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews": ["get", "post"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}": ["put", "delete"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals": ["put"],
  "/repos/{owner}/{repo}/contents/{path}": ["get"],
  "/repos/{owner}/{repo}/git/trees/{tree_sha}": ["get"],
};
const vendorJSON = [
  "application/vnd.github+json",
  "application/vnd.github.v3+json",
  "application/vnd.github.comfort-fade-preview+json",
];

const src = process.argv[2];
if (!src) {
  console.error("usage: node trim.js api.github.com.json > trimmed.json");
  process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(src, "utf8"));

const out = {
  openapi: spec.openapi,
  info: Object.assign({}, spec.info, {
    description: "GitHub's REST API description (npm @octokit/openapi) trimmed by reviewbot's testdata/github/openapi/trim.js to the operations the action calls.",
  }),
  servers: spec.servers,
  paths: {},
  components: {},
};

for (const [p, methods] of Object.entries(keep)) {
  const item = spec.paths[p];
  if (!item) throw new Error("path not in the description: " + p);
  const o = {};
  if (item.parameters) o.parameters = item.parameters;
  for (const m of methods) {
    if (!item[m]) throw new Error("operation not in the description: " + m.toUpperCase() + " " + p);
    o[m] = item[m];
  }
  out.paths[p] = o;
}

// Copy every component reachable from the kept paths.
const seen = new Set();
function walk(v) {
  if (Array.isArray(v)) return v.forEach(walk);
  if (!v || typeof v !== "object") return;
  if (typeof v.$ref === "string" && v.$ref.startsWith("#/components/")) {
    const [, , kind, name] = v.$ref.split("/");
    const key = kind + "/" + name;
    if (!seen.has(key)) {
      seen.add(key);
      const c = spec.components[kind] && spec.components[kind][name];
      if (!c) throw new Error("dangling $ref " + v.$ref);
      (out.components[kind] = out.components[kind] || {})[name] = c;
      walk(c);
    }
  }
  for (const x of Object.values(v)) walk(x);
}
walk(out.paths);

// Deep-copy so the fixes below do not alias shared objects.
const trimmed = JSON.parse(JSON.stringify(out));

function fixResponse(r, isContents) {
  if (!r || r.$ref) return;
  if (r.headers) {
    delete r.headers.Link;
    delete r.headers.link;
    if (Object.keys(r.headers).length === 0) delete r.headers;
  }
  if (!r.content) return;
  const json = r.content["application/json"];
  if (json) {
    for (const t of vendorJSON) if (!r.content[t]) r.content[t] = json;
  }
  if (isContents) {
    r.content["application/vnd.github.raw"] = {
      schema: { type: "string" },
      examples: { default: { value: "// file content\n" } },
    };
  }
}
for (const [p, item] of Object.entries(trimmed.paths)) {
  for (const [m, op] of Object.entries(item)) {
    if (m === "parameters") continue;
    for (const [code, r] of Object.entries(op.responses || {})) {
      fixResponse(r, p === "/repos/{owner}/{repo}/contents/{path}" && code === "200");
    }
  }
}
for (const r of Object.values(trimmed.components.responses || {})) fixResponse(r, false);
if (trimmed.components.headers) {
  delete trimmed.components.headers.link;
  if (Object.keys(trimmed.components.headers).length === 0) delete trimmed.components.headers;
}

// GitHub's own example of a pull request breaks its schema
// (requested_teams[].type is required but missing), and Prism --errors
// answers 500 to a valid request when the example it serves is invalid.
const prEx = trimmed.components.examples && trimmed.components.examples["pull-request"];
if (prEx && prEx.value && Array.isArray(prEx.value.requested_teams)) {
  for (const team of prEx.value.requested_teams) if (!team.type) team.type = "organization";
}

process.stdout.write(JSON.stringify(trimmed, null, 1) + "\n");
