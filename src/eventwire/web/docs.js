// Renders this server's /openapi.json as a plain reference page: no third-party viewer, nothing remote.
import { el } from "./common.js";

function schemaText(schema = {}) {
  const options = schema.enum || (schema.anyOf || []).flatMap((part) => part.enum || []);
  if (options.length) return `one of: ${options.join(", ")}`;
  const types = schema.type ? [schema.type] : (schema.anyOf || []).map((part) => part.type).filter((t) => t !== "null");
  const bounds = [
    schema.minimum !== undefined && `≥ ${schema.minimum}`, schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.maxLength !== undefined && `≤ ${schema.maxLength} characters`,
  ].filter(Boolean);
  return [types.join(" or "), ...bounds].join(", ");
}

function endpoint(path, method, operation) {
  const parameters = operation.parameters || [];
  const example = Object.fromEntries(parameters.filter((p) => p.in === "query" && p.examples)
    .map((p) => [p.name, Object.values(p.examples)[0].value]));
  const tryable = method === "get" && !path.includes("{");
  const query = new URLSearchParams(example).toString();
  return el("section", { class: "endpoint" },
    el("h2", {}, el("span", { class: "method" }, method.toUpperCase()), el("code", {}, path),
      tryable ? el("a", { href: query ? `${path}?${query}` : path }, "try it") : null),
    el("p", {}, operation.description || operation.summary || ""),
    parameters.length ? el("table", { class: "params" },
      el("thead", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "accepts"), el("th", {}, "meaning"))),
      el("tbody", {}, ...parameters.map((p) => el("tr", {},
        el("td", {}, el("code", {}, p.name)), el("td", {}, p.in),
        el("td", {}, schemaText(p.schema)), el("td", {}, p.description || p.schema?.description || ""))))) : null,
    el("p", { class: "responses" }, `Responses: ${Object.keys(operation.responses || {}).join(", ")}`));
}

async function start() {
  const spec = await (await fetch("/openapi.json")).json();
  document.getElementById("intro").textContent = `${spec.info.title} ${spec.info.version}. ${spec.info.description || ""}`;
  const sections = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => endpoint(path, method, operation)));
  document.getElementById("endpoints").replaceChildren(...sections);
}

start();
