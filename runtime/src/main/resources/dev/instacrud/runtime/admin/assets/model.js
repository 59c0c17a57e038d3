// The screen model: the service's OpenAPI document (field types and constraints, which fields are write-only)
// joined with /api/v1/ui (paths, scope, write roles, refs and their onDelete, sign-in options), which the runtime
// builds from what it enforces. Nothing here is specific to one service.

import { api } from "./api.js";

let ui = null;
let openapi = null;
let entities = null;

/** The sign-in options and the entity list (public; loaded before sign-in). */
export async function loadUi() {
  if (!ui) ui = await api("GET", "/api/v1/ui", { anonymous: true });
  return ui;
}

/** Every entity, with its fields, once the OpenAPI document is loaded. */
export async function loadModel() {
  if (entities) return entities;
  await loadUi();
  openapi = await api("GET", "/api/v1/openapi.json", { anonymous: true });
  const schemas = (openapi.components && openapi.components.schemas) || {};
  entities = ui.entities.map((e) => buildEntity(e, schemas[e.name] || {}, schemas[e.name + "Input"] || {}));
  for (const entity of entities) {
    for (const ref of entity.refs) {
      const target = entities.find((t) => t.name === ref.to);
      if (target) target.referencedBy.push({ entity, field: ref.field, many: ref.many, onDelete: ref.onDelete });
    }
  }
  return entities;
}

// A query parameter of a GET in the OpenAPI document, written in place or shared under components/parameters.
function queryParameter(path, name) {
  const get = openapi && openapi.paths && openapi.paths[path] && openapi.paths[path].get;
  const shared = (openapi && openapi.components && openapi.components.parameters) || {};
  const resolve = (p) => (p && typeof p.$ref === "string" && p.$ref.startsWith("#/components/parameters/")
    ? shared[p.$ref.slice("#/components/parameters/".length)] : p);
  return get && (get.parameters || []).map(resolve).find((p) => p && p.name === name && p.in === "query");
}

/** Whether the OpenAPI document lists this query parameter for a GET (e.g. q, the search of a searchable entity). */
export function hasParameter(path, name) {
  return Boolean(queryParameter(path, name));
}

/** The values the OpenAPI document allows for a query parameter of a GET (e.g. the audit log's actions), or []. */
export function parameterValues(path, name) {
  const parameter = queryParameter(path, name);
  return parameter && parameter.schema && Array.isArray(parameter.schema.enum) ? parameter.schema.enum : [];
}

export function entityByPath(path) {
  return entities && entities.find((e) => e.path === path);
}

export function entityByName(name) {
  return entities && entities.find((e) => e.name === name);
}

function buildEntity(meta, read, input) {
  const readProps = read.properties || {};
  const inputProps = input.properties || {};
  const requiredIn = new Set(input.required || []);
  const refs = new Map(meta.refs.map((r) => [r.field, r]));
  const fields = Object.entries(inputProps).map(([name, schema]) =>
    buildField(name, schema, requiredIn.has(name), refs.get(name), !(name in readProps)));
  const audit = ["version", "createdAt", "createdBy", "updatedAt", "updatedBy"]
    .filter((name) => name in readProps)
    .map((name) => Object.assign(buildField(name, readProps[name], false, null, false), { audit: true }));
  const entity = {
    name: meta.name,
    path: meta.path,
    scope: meta.scope,
    write: meta.write,
    unique: meta.unique,
    refs: meta.refs,
    referencedBy: [],
    description: read.description || "",
    fields,
    audit,
    label: humanize(meta.name),
    plural: humanize(meta.path.replace(/-/g, " ")),
  };
  entity.display = displayField(read, fields);
  return entity;
}

// The field a ref shows: the spec's `display:` (x-instacrud-display), else the first required text field.
function displayField(read, fields) {
  const named = read["x-instacrud-display"];
  if (named && fields.some((f) => f.name === named)) return named;
  const text = ["string", "text", "email", "url", "uuid"];
  const first = fields.find((f) => f.required && !f.secret && text.includes(f.kind))
    || fields.find((f) => f.required && !f.secret && !f.ref && f.kind !== "object" && f.kind !== "list");
  return first ? first.name : "id";
}

function buildField(name, schema, required, ref, secret) {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const base = types.find((t) => t !== "null");
  const field = {
    name,
    label: humanize(name),
    description: schema.description && !/^The id of an? /.test(schema.description) ? schema.description : "",
    required,
    nullable: types.includes("null"),
    secret,
    schema,
    kind: kindOf(base, schema, ref),
    ref: ref || null,
    defaultValue: schema.default,
  };
  if (field.kind === "enum") field.values = schema.enum.filter((v) => v !== null);
  if (field.kind === "list") {
    field.item = buildField(name, schema.items || {}, true, ref, false);
    field.item.label = humanize(singular(name));
  }
  if (field.kind === "object") {
    const req = new Set(schema.required || []);
    field.fields = Object.entries(schema.properties || {}).map(([n, s]) => buildField(n, s, req.has(n), null, false));
  }
  return field;
}

function kindOf(base, schema, ref) {
  if (base === "array") return "list";
  if (base === "object") return "object";
  if (base === "boolean") return "boolean";
  if (base === "integer") return schema.format === "int64" ? "long" : "int";
  if (base === "number") return schema.format === "double" ? "double" : "decimal";
  if (ref) return "ref";
  if (Array.isArray(schema.enum)) return "enum";
  switch (schema.format) {
    case "date": return "date";
    case "date-time": return "datetime";
    case "email": return "email";
    case "uri": return "url";
    case "uuid": return "uuid";
    default: return schema["x-instacrud-type"] === "text" ? "text" : "string";
  }
}

/** "birthDate" -> "Birth date", "my notes" -> "My notes". */
export function humanize(name) {
  const words = String(name).replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[-_]/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function singular(name) {
  if (/ies$/.test(name)) return name.slice(0, -3) + "y";
  if (/ses$/.test(name)) return name.slice(0, -2);
  if (/s$/.test(name) && !/ss$/.test(name)) return name.slice(0, -1);
  return name;
}

/** A value as a person reads it (always plain text). */
export function formatValue(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  switch (field.kind) {
    case "boolean": return value ? "Yes" : "No";
    case "datetime": {
      const d = new Date(value);
      return isNaN(d.getTime()) ? String(value) : d.toLocaleString();
    }
    case "list": return Array.isArray(value) ? value.map((v) => formatValue(field.item, v)).join(", ") : String(value);
    case "object": return JSON.stringify(value);
    default: return String(value);
  }
}
